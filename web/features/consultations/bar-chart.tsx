import { useEffect, useRef } from "react";

export interface BarSeries {
  name: string;
  values: number[];
}

/**
 * A bar chart drawn with ECharts, loaded only when a page draws one (core + bar chart + canvas;
 * no tooltip, whose inline-styled HTML the Content-Security-Policy refuses — the table beside
 * every chart carries the numbers). The canvas is an image with a description for screen readers.
 */
export function BarChart({
  categories,
  series,
  label,
  stacked,
  horizontal,
  tall,
}: {
  categories: string[];
  series: BarSeries[];
  label: string;
  stacked?: boolean;
  horizontal?: boolean;
  tall?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | null = null;
    const onResize = () => chart?.resize();
    (async () => {
      const { init } = await import("./echarts-bar.js");
      if (disposed || !ref.current) return;
      const c = init(ref.current, undefined, { renderer: "canvas" });
      chart = c;
      const valueAxis = { type: "value" as const, minInterval: 1 };
      const categoryAxis = {
        type: "category" as const,
        data: categories,
        axisLabel: { interval: 0, rotate: horizontal ? 0 : 30 },
      };
      c.setOption({
        animation: false,
        legend: series.length > 1 ? { top: 0, type: "scroll" } : undefined,
        grid: { left: horizontal ? 90 : 40, right: 16, top: series.length > 1 ? 40 : 16, bottom: horizontal ? 24 : 60 },
        xAxis: horizontal ? valueAxis : categoryAxis,
        yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
        series: series.map((s) => ({
          type: "bar",
          name: s.name,
          data: s.values,
          stack: stacked ? "total" : undefined,
          barMaxWidth: 32,
        })),
      });
      window.addEventListener("resize", onResize);
    })();
    return () => {
      disposed = true;
      window.removeEventListener("resize", onResize);
      chart?.dispose();
    };
  }, [categories, series, stacked, horizontal]);
  return <div ref={ref} role="img" aria-label={label} className={`w-full ${tall ? "h-[36rem]" : "h-80"}`} />;
}
