import { useEffect, useRef } from "react";
import { heatColors } from "./format.js";

type Chart = {
  dispose(): void;
  resize(): void;
  on(event: string, fn: (p: { data?: unknown }) => void): void;
  setOption(o: unknown): void;
};

/**
 * ECharts core with only what progress draws (heatmap, line, grid, visual map, canvas), imported on
 * first draw so no other page loads it. No tooltip: its inline-styled HTML would break the
 * Content-Security-Policy, and the table beside every chart carries the numbers.
 */
async function initChart(el: HTMLElement): Promise<Chart> {
  const { init } = await import("./echarts-progress.js");
  return init(el, undefined, { renderer: "canvas" }) as unknown as Chart;
}

/** Draws once per `key` (the data, serialised): a new key redraws; the chart is disposed with the element. */
function useChart(draw: (c: Chart) => void, key: string) {
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for everything `draw` uses.
  useEffect(() => {
    let disposed = false;
    let chart: Chart | null = null;
    const onResize = () => chart?.resize();
    (async () => {
      if (!ref.current) return;
      const c = await initChart(ref.current);
      if (disposed) return c.dispose();
      chart = c;
      draw(c);
      window.addEventListener("resize", onResize);
    })();
    return () => {
      disposed = true;
      window.removeEventListener("resize", onResize);
      chart?.dispose();
    };
  }, [key]);
  return ref;
}

/** Municipalities (rows) × items (columns), coloured by percentage; a click opens the cell's record. */
export function HeatmapChart({
  rows,
  columns,
  cells,
  label,
  onOpen,
}: {
  rows: string[];
  columns: string[];
  cells: (number | null)[][];
  label: string;
  onOpen: (row: number, column: number) => void;
}) {
  const ref = useChart(
    (c) => {
      const data: [number, number, number | string][] = [];
      cells.forEach((row, r) => {
        row.forEach((v, col) => {
          data.push([col, r, v ?? "-"]);
        });
      });
      c.setOption({
        animation: false,
        grid: { left: 110, right: 16, top: 8, bottom: 110 },
        xAxis: { type: "category", data: columns, axisLabel: { interval: 0, rotate: 60, width: 100, overflow: "truncate" } },
        yAxis: { type: "category", data: rows, inverse: true, axisLabel: { interval: 0, width: 100, overflow: "truncate" } },
        visualMap: { show: false, min: 0, max: 100, inRange: { color: heatColors } },
        series: [{ type: "heatmap", data, label: { show: false }, itemStyle: { borderColor: "#fff", borderWidth: 1 } }],
      });
      c.on("click", (p) => {
        const d = p.data as [number, number] | undefined;
        if (d) onOpen(d[1], d[0]);
      });
    },
    JSON.stringify([rows, columns, cells]),
  );
  return (
    <div ref={ref} role="img" aria-label={label} className="w-full" style={{ height: Math.max(240, rows.length * 22 + 130) }} />
  );
}

/** The month-by-month percentage as a line (0–100%). */
export function TrendChart({ months, values, label }: { months: string[]; values: (number | null)[]; label: string }) {
  const ref = useChart(
    (c) =>
      c.setOption({
        animation: false,
        grid: { left: 48, right: 16, top: 16, bottom: 48 },
        xAxis: { type: "category", data: months, axisLabel: { rotate: 45 } },
        yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
        series: [
          {
            type: "line",
            data: values,
            connectNulls: true,
            symbolSize: 6,
            lineStyle: { width: 3, color: "#0017c1" },
            itemStyle: { color: "#0017c1" },
          },
        ],
      }),
    JSON.stringify([months, values]),
  );
  return <div ref={ref} role="img" aria-label={label} className="w-full" style={{ height: 260 }} />;
}
