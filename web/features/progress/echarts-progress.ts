/**
 * ECharts with only what progress draws: heatmap and line on a grid, a continuous visual map, on
 * canvas. Each part is its own module (echarts/lib/…), not the echarts/charts or
 * echarts/components barrels (which pull in every chart, maps and geo code); charts.tsx imports
 * this file dynamically, on first draw.
 */
import "echarts/lib/chart/heatmap";
import "echarts/lib/chart/line";
import "echarts/lib/component/grid";
import "echarts/lib/component/visualMapContinuous";
import { init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

use([CanvasRenderer]);

export { init };
