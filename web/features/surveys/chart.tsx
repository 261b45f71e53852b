import { useEffect, useRef } from "react";

export interface Series {
  name: string;
  values: number[];
}

/**
 * A bar chart with ECharts core (bar + grid + legend + canvas only), imported on first draw so other
 * pages never load it. No tooltip: its inline-styled HTML breaks the Content-Security-Policy, and the
 * table beside every chart carries the numbers. The canvas is an image described for screen readers.
 */
export function SurveyChart({
  categories,
  series,
  label,
  stacked,
  horizontal,
}: {
  categories: string[];
  series: Series[];
  label: string;
  stacked?: boolean;
  horizontal?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | null = null;
    const onResize = () => chart?.resize();
    (async () => {
      const [core, charts, components, renderers] = await Promise.all([
        import("echarts/core"),
        import("echarts/charts"),
        import("echarts/components"),
        import("echarts/renderers"),
      ]);
      core.use([charts.BarChart, components.GridComponent, components.LegendComponent, renderers.CanvasRenderer]);
      if (disposed || !ref.current) return;
      const c = core.init(ref.current, undefined, { renderer: "canvas" });
      chart = c;
      const valueAxis = { type: "value" as const, minInterval: 1 };
      const categoryAxis = {
        type: "category" as const,
        data: categories,
        axisLabel: { interval: 0, width: 110, overflow: "truncate" as const },
      };
      c.setOption({
        animation: false,
        legend: series.length > 1 ? { top: 0, type: "scroll" } : undefined,
        grid: { left: horizontal ? 120 : 40, right: 16, top: series.length > 1 ? 36 : 12, bottom: horizontal ? 24 : 48 },
        xAxis: horizontal ? valueAxis : categoryAxis,
        yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
        series: series.map((s) => ({ type: "bar", name: s.name, data: s.values, stack: stacked ? "total" : undefined })),
      });
      window.addEventListener("resize", onResize);
    })();
    return () => {
      disposed = true;
      window.removeEventListener("resize", onResize);
      chart?.dispose();
    };
  }, [categories, series, stacked, horizontal]);
  const height = horizontal ? Math.max(160, categories.length * 28 + 60) : 260;
  return <div ref={ref} role="img" aria-label={label} className="w-full" style={{ height }} />;
}
