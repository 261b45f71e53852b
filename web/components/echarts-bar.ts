/**
 * ECharts with only what the bar charts draw: bars on a grid with a legend, on canvas. Each part is
 * its own module (echarts/lib/…), not the echarts/charts or echarts/components barrels, so the
 * bundle holds just these; bar-chart.tsx imports this file dynamically, on pages that draw a chart.
 */
import "echarts/lib/chart/bar";
import "echarts/lib/component/grid";
import "echarts/lib/component/legend";
import { init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

use([CanvasRenderer]);

export { init };
