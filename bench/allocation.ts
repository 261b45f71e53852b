/**
 * bench:allocation — the cost-sharing engine at national scale: 1,741 participants (every municipality
 * in Japan) with 均等割 + 人口割 + 利用割, a tenth of them joining or leaving mid-year (pro rata), one
 * with a minimum and one with a maximum share, remainder by largest fractional part; then the 別表 XLSX
 * of that allocation through the one XLSX writer. Prints time (median of RUNS) and peak heap/RSS.
 *   npm run bench:allocation
 *   RUNS=20 npm run bench:allocation
 */

import { allocateFor } from "../server/modules/procurement/compute.js";
import { tableWorkbook } from "../server/modules/procurement/outputs.js";
import type { ParticipantRow } from "../server/modules/procurement/repo.js";
import type { ScenarioDetail, ScenarioRule } from "../shared/api/procurement.js";

const RUNS = Number(process.env.RUNS ?? 10);
const N = 1741;

// Deterministic populations (a long tail like Japan's: a few large cities, many small towns).
let seed = 42;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const participants: ParticipantRow[] = Array.from({ length: N }, (_, i) => ({
  id: `p${i}`,
  project_id: "bench",
  org_id: `org-${i}`,
  org_name: `団体${i + 1}`,
  lg_code: String(10000 + i).padStart(6, "0"),
  org_kind: i === 0 ? "prefecture" : "city",
  population: Math.floor(500 + 3_000_000 * rand() ** 6),
  join_date: i % 10 === 3 ? "2026-10-01" : "2020-04-01",
  leave_date: i % 10 === 7 ? "2026-12-31" : null,
}));
const inputs = Object.fromEntries(
  participants.map((p, i) => [
    p.org_id,
    { usage: (rand() * 100_000).toFixed(3), min: i === 5 ? 5_000_000 : null, max: i === 6 ? 1_000_000 : null },
  ]),
);
const rule: ScenarioRule = {
  equalPercent: "10",
  populationPercent: "40",
  usagePercent: "50",
  rounding: "down",
  remainder: "fraction",
  populationSource: "令和2年国勢調査",
  populationDate: "2020-10-01",
  usageLabel: "読取枚数",
  usageSource: "entered",
};
const TOTAL = 9_876_543_210;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
let peakHeap = 0;
let peakRss = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakRss = Math.max(peakRss, m.rss);
};
const timer = setInterval(sample, 5);

const allocTimes: number[] = [];
let result = allocateFor(2026, TOTAL, rule, inputs, participants);
for (let r = 0; r < RUNS; r++) {
  const t0 = performance.now();
  result = allocateFor(2026, TOTAL, rule, inputs, participants);
  allocTimes.push(performance.now() - t0);
  sample();
}
if (result.problems.length) throw new Error(JSON.stringify(result.problems));
const sum = result.rows.reduce((s, x) => s + x.amount, 0);
if (sum !== TOTAL) throw new Error(`sum ${sum} ≠ ${TOTAL}`);
const allocHeap = peakHeap;

const detail: ScenarioDetail = {
  id: "bench",
  fiscalYear: 2026,
  name: "全国規模",
  version: 1,
  status: "frozen",
  agreed: true,
  total: TOTAL,
  supersedesId: null,
  reason: null,
  createdAt: new Date().toISOString(),
  frozenAt: new Date().toISOString(),
  frozenBy: "bench",
  project: { id: "bench", name: "ベンチマーク事業" },
  rule,
  inputs,
  view: "all",
  rows: result.rows,
  problems: [],
  abilities: { canEdit: false, canFreeze: false, canCorrect: false },
};
peakHeap = 0;
const xlsxTimes: number[] = [];
let size = 0;
for (let r = 0; r < Math.max(3, Math.ceil(RUNS / 2)); r++) {
  const t0 = performance.now();
  size = (await tableWorkbook(detail)).length;
  xlsxTimes.push(performance.now() - t0);
  sample();
}
clearInterval(timer);
const prorata = result.rows.filter((x) => x.months < 12).length;
console.log(
  `allocation: ${N} participants (${prorata} pro rata), 3 components, bounds, remainder by fraction; sum = total to the yen`,
);
console.log(
  `  allocate  median ${median(allocTimes).toFixed(1)} ms  (min ${Math.min(...allocTimes).toFixed(1)}, ${RUNS} runs)  peak heap ${mb(allocHeap)}`,
);
console.log(
  `  別表 XLSX median ${median(xlsxTimes).toFixed(1)} ms  (${xlsxTimes.length} runs)  ${(size / 1024).toFixed(0)} KB  peak heap ${mb(peakHeap)}`,
);
console.log(`  peak RSS ${mb(peakRss)}`);
