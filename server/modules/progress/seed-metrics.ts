import { emptyRecord, metricKey, type RecordData } from "./rules.js";
import type { SeededDefinitions } from "./seed-definitions.js";
import { dateBetween, prng, snapshots } from "./seed-util.js";
import type { Timeline } from "./timelines.js";

/** Members of the shared RPA working group (as in the demo council). */
const rpaMembers = ["下関市", "宇部市", "山口市", "防府市", "周南市", "長門市", "美祢市", "和木町", "田布施町", "阿武町"];
const smallTowns = ["和木町", "上関町", "阿武町"];

interface Report {
  date: string;
  fy: number;
  share: number;
}

/** Figures are reported once a year, in April, for the fiscal year just ended (a year's running total would read as a dip). */
function schedule(today: string): Report[] {
  return [
    { date: "2024-04-22", fy: 2023, share: 1 },
    { date: "2025-04-21", fy: 2024, share: 1 },
    { date: "2026-04-20", fy: 2025, share: 1 },
  ].filter((r) => r.date < today);
}

function metricTimeline(
  metricId: string,
  finals: Record<number, number>,
  target: number | null,
  reports: Report[],
  windowStart: string,
): Timeline["snapshots"] {
  const data = (d: string): RecordData => {
    const rec = emptyRecord();
    for (const r of reports) {
      if (r.date > d) continue;
      const final = finals[r.fy];
      rec.metrics[metricKey(metricId, r.fy)] = { value: final == null ? null : Math.round(final * r.share), target };
    }
    return rec;
  };
  return snapshots(
    windowStart,
    reports.map((r) => r.date),
    data,
  );
}

/** Shared RPA (participation, processes, hours saved) and smartphone classes for one municipality. */
export function seedDemoMetrics(
  org: string,
  orgId: string,
  defs: SeededDefinitions,
  today: string,
  windowStart: string,
): Timeline[] {
  const r = prng(`${org}/metrics`);
  const out: Timeline[] = [];
  const rpa = defs.items.rpa!;
  const joined = rpaMembers.includes(org);
  const joinStep = defs.steps[rpa.participation!]![0]!;
  const joinedOn = dateBetween(r, "2023-07-01", "2024-06-30");
  out.push({
    orgId,
    itemId: rpa.participation!,
    snapshots: snapshots(windowStart, [], () => {
      const rec = emptyRecord();
      rec.steps[joinStep] = joined
        ? { status: "done", plannedDate: joinedOn, actualDate: joinedOn, option: null }
        : { status: "not_started", plannedDate: null, actualDate: null, option: null };
      return rec;
    }),
  });
  const reports = schedule(today);
  for (const [code, base] of [
    ["processes", 3],
    ["hours", 260],
  ] as const) {
    const itemId = rpa[code]!;
    const finals = {
      2023: Math.round(base * (0.4 + r() * 0.6)),
      2024: Math.round(base * (0.6 + r())),
      2025: Math.round(base * (0.9 + r() * 1.1)),
    };
    out.push({
      orgId,
      itemId,
      // A municipality outside the shared RPA has a target of 0: the figures do not apply to it.
      snapshots: metricTimeline(defs.metrics[itemId]![0]!, joined ? finals : {}, joined ? null : 0, reports, windowStart),
    });
  }
  const small = smallTowns.includes(org);
  for (const [code, base, own] of [
    ["classes", 12, 6],
    ["participants", 190, 60],
  ] as const) {
    const itemId = defs.items.divide![code]!;
    const scale = small ? own / base : 1;
    const finals = {
      2023: Math.round(base * scale * (0.4 + r() * 0.5)),
      2024: Math.round(base * scale * (0.5 + r() * 0.6)),
      2025: Math.round(base * scale * (0.7 + r() * 0.6)),
    };
    out.push({
      orgId,
      itemId,
      snapshots: metricTimeline(defs.metrics[itemId]![0]!, finals, small ? own : null, reports, windowStart),
    });
  }
  return out;
}
