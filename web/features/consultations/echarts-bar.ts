/**
 * ECharts with only what the desk's charts draw: bars on a grid with a legend, on canvas.
 * Imported statically here (so the bundler keeps just these parts) and loaded dynamically by
 * bar-chart.tsx, so the code arrives only on pages that draw a chart.
 */
import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

use([BarChart, GridComponent, LegendComponent, CanvasRenderer]);

export { init };
