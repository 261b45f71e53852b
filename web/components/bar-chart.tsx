import { type ReactNode, useEffect, useRef } from "react";

export interface BarSeries {
  name: string;
  values: number[];
}

export interface BarChartProps {
  categories: string[];
  series: BarSeries[];
  /** What the chart shows, read out by screen readers (the canvas is an image). */
  label: string;
  stacked?: boolean;
  /** Bars to the right, categories down the side; the chart grows with the number of categories. */
  horizontal?: boolean;
  /** The same figures as a table: every chart has one, for screen readers, printing and exact numbers. */
  table: ReactNode;
  /** The table beside the chart on wide screens instead of below it. */
  beside?: boolean;
  /** Shown instead of the chart when there are no categories (the table stays). */
  empty?: ReactNode;
}

/**
 * A bar chart drawn with ECharts, loaded only when a page draws one (core + bar chart + grid + legend +
 * canvas, see echarts-bar.ts), with its table. No tooltip: its inline-styled HTML breaks the
 * Content-Security-Policy, and the table carries the numbers.
 */
export function BarChart({ table, beside, empty, ...chart }: BarChartProps) {
  return (
    <div className={beside ? "grid gap-4 lg:grid-cols-2" : "flex flex-col gap-3"}>
      {chart.categories.length > 0 ? <Canvas {...chart} /> : empty}
      {table}
    </div>
  );
}

function Canvas({ categories, series, label, stacked, horizontal }: Omit<BarChartProps, "table" | "beside" | "empty">) {
  const ref = useRef<HTMLDivElement>(null);
  // Callers build their arrays on each render: redraw only when the figures change.
  const key = JSON.stringify([categories, series, stacked, horizontal]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for everything the chart draws.
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
        axisLabel: { interval: 0, rotate: horizontal ? 0 : 30, width: 110, overflow: "truncate" as const },
      };
      c.setOption({
        animation: false,
        legend: series.length > 1 ? { top: 0, type: "scroll" } : undefined,
        grid: { left: horizontal ? 120 : 40, right: 16, top: series.length > 1 ? 40 : 16, bottom: horizontal ? 24 : 60 },
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
  }, [key]);
  const height = horizontal ? Math.max(160, categories.length * 28 + 60) : 320;
  return <div ref={ref} role="img" aria-label={label} className="w-full" style={{ height }} />;
}
