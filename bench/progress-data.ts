/**
 * National-scale data for bench:progress: 1,741 municipalities, one programme of 20 items × 12 steps,
 * and MONTHS of history per record (about 1.5 changes a month). Written through writeTimelines —
 * the demo seed's own batched writer — so the rows, indexes and rollup are the application's.
 */

import { insertChunked } from "../server/modules/progress/batch-repo.js";
import { loadItemDefs } from "../server/modules/progress/repo.js";
import { emptyRecord, type RecordData } from "../server/modules/progress/rules.js";
import { programmeSpecs } from "../server/modules/progress/seed-definitions.js";
import { prng } from "../server/modules/progress/seed-util.js";
import { type Timeline, writeTimelines } from "../server/modules/progress/timelines.js";
import { rebuildProgressTotals } from "../server/modules/progress/totals-repo.js";
import { type Ctx, inTx, newId, nowIso } from "../server/platform/context.js";
import { addDays } from "../shared/dates/calendar.js";
import { jstDate } from "../shared/dates/jst.js";
import { lgCheckDigit } from "../shared/lg-code.js";

export const MUNICIPALITIES = 1741;

/** Roughly the national mix: cities, towns and villages (special wards counted as cities). */
export async function makeOrgs(ctx: Ctx): Promise<{ id: string; kind: string }[]> {
  const now = nowIso();
  const r = prng("orgs");
  const rows = Array.from({ length: MUNICIPALITIES }, (_, i) => {
    const kind = i < 815 ? "city" : i < 1558 ? "town" : "village";
    const base = String(10000 + i * 5);
    const population =
      kind === "city"
        ? Math.round(30000 + r() * 470000)
        : kind === "town"
          ? Math.round(3000 + r() * 37000)
          : Math.round(500 + r() * 9500);
    return {
      id: newId(),
      lg_code: `${base}${lgCheckDigit(base)}`,
      kind: kind as "city",
      name: `${kind === "city" ? "市" : kind === "town" ? "町" : "村"}${String(i + 1).padStart(4, "0")}`,
      kana: "し",
      name_en: null,
      population,
      created_at: now,
      updated_at: now,
    };
  });
  await insertChunked(ctx, "orgs", rows);
  return rows;
}

/** The standardisation programme (20 systems × 12 steps), or another of the seeded ones by code. */
export async function makeProgramme(ctx: Ctx, code = "standardisation") {
  const spec = programmeSpecs().find((s) => s.code === code)!;
  const now = nowIso();
  const stamp = { created_at: now, updated_at: now, archived: 0 as const };
  const programmeId = newId();
  await insertChunked(ctx, "progress_programmes", [
    {
      id: programmeId,
      code: spec.code,
      name: spec.name,
      name_en: null,
      description: "",
      deadline: "2026-03-31",
      exception_label: spec.exceptionLabel,
      lag_threshold: 20,
      sort_order: code === "standardisation" ? 1 : 2,
      ...stamp,
    },
  ]);
  const items = spec.items.map((it, i) => ({
    id: newId(),
    programme_id: programmeId,
    code: it.code,
    name: it.name,
    name_en: null,
    group_label: it.group ?? null,
    tracking: "steps" as const,
    deadline: null,
    sort_order: i + 1,
    ...stamp,
  }));
  await insertChunked(ctx, "progress_items", items);
  await insertChunked(
    ctx,
    "progress_steps",
    items.flatMap((item, i) =>
      (spec.items[i]!.steps ?? spec.items[0]!.steps!).map((s, j) => ({
        id: newId(),
        item_id: item.id,
        code: s.code,
        name: s.name,
        name_en: null,
        phase: s.phase ?? null,
        options: s.options ? JSON.stringify(s.options) : null,
        sort_order: j + 1,
        ...stamp,
      })),
    ),
  );
  const defs = await loadItemDefs(
    ctx,
    items.map((i) => i.id),
  );
  return { programmeId, items: items.map((i) => i.id), defs };
}

const monthStart = (ym: string) => `${ym}-01`;
function monthsBack(n: number): string[] {
  const today = jstDate();
  const out: string[] = [];
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  for (let i = 0; i < n; i++) {
    out.unshift(`${y}-${String(m).padStart(2, "0")}`);
    m--;
    if (m === 0) {
      m = 12;
      y--;
    }
  }
  return out;
}

/** One record's past: created in the first month, then a change or two every month. */
function timeline(orgId: string, itemId: string, stepIds: string[], months: string[], today: string): Timeline {
  const r = prng(`${orgId}/${itemId}`);
  const pace = 0.15 + r() * 0.2;
  let data: RecordData = emptyRecord();
  const first = monthStart(months[0]!);
  stepIds.forEach((id, j) => {
    data.steps[id] = { status: "not_started", plannedDate: addDays(first, 60 * (j + 1)), actualDate: null, option: null };
  });
  const snapshots: Timeline["snapshots"] = [{ at: `${first}T01:00:00.000Z`, data }];
  const flagAt = r() < 0.1 ? 6 + Math.floor(r() * (months.length - 6)) : -1;
  months.forEach((ym, mi) => {
    for (const day of r() < 0.5 ? ["08", "22"] : ["15"]) {
      const date = `${ym}-${day}`;
      if ((mi === 0 && day === "08") || date >= today) continue;
      const next: RecordData = { ...data, steps: { ...data.steps } };
      const open = stepIds.find((id) => next.steps[id]!.status !== "done");
      if (open && r() < pace) next.steps[open] = { ...next.steps[open]!, status: "done", actualDate: date };
      else if (open)
        next.steps[open] = {
          ...next.steps[open]!,
          status: "in_progress",
          plannedDate: addDays(next.steps[open]!.plannedDate ?? date, 30),
        };
      if (mi === flagAt && !next.exception)
        Object.assign(next, {
          exception: true,
          exceptionReason: "ベンダの開発体制が不足しているため",
          revisedTarget: "2029-03-31",
        });
      snapshots.push({ at: `${date}T01:00:00.000Z`, data: next });
      data = next;
    }
  });
  return { orgId, itemId, snapshots };
}

/** Writes every record's history in batches (one transaction each), printing progress. */
export async function makeHistory(
  ctx: Ctx,
  orgs: { id: string }[],
  p: Awaited<ReturnType<typeof makeProgramme>>,
  monthCount: number,
  log: (s: string) => void,
) {
  const months = monthsBack(monthCount);
  const today = jstDate();
  const byItem = new Map([...p.defs].map(([id, l]) => [id, { def: l.def, programmeId: p.programmeId }]));
  let history = 0;
  const batch = 200;
  for (let o = 0; o < orgs.length; o += batch) {
    const timelines: Timeline[] = [];
    for (const org of orgs.slice(o, o + batch))
      for (const itemId of p.items)
        timelines.push(
          timeline(
            org.id,
            itemId,
            p.defs.get(itemId)!.def.steps.map((s) => s.id),
            months,
            today,
          ),
        );
    const w = await inTx(ctx, (tx) => writeTimelines(tx, byItem, timelines, { rebuildTotals: false }));
    history += w.history;
    if ((o / batch) % 3 === 0)
      log(`  … ${Math.min(o + batch, orgs.length)} / ${orgs.length} municipalities, ${history.toLocaleString()} history rows`);
  }
  const t = performance.now();
  await inTx(ctx, (tx) => rebuildProgressTotals(tx, p.programmeId));
  log(`  maintained totals rebuilt from the history in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  return history;
}

/**
 * The online procedures (26, one step each) for every municipality over the same months: a procedure goes
 * online in some month (マイナポータル mostly, another e-application system otherwise), and a third of those
 * move to the other channel a month later — the step history the "as of" online figures read.
 */
export async function makeOnlineHistory(ctx: Ctx, orgs: { id: string }[], monthCount: number) {
  const p = await makeProgramme(ctx, "online-procedures");
  const months = monthsBack(monthCount);
  const today = jstDate();
  const byItem = new Map([...p.defs].map(([id, l]) => [id, { def: l.def, programmeId: p.programmeId }]));
  const other = (o: string) => (o === "マイナポータル" ? "その他の電子申請" : "マイナポータル");
  for (let o = 0; o < orgs.length; o += 200) {
    const timelines: Timeline[] = [];
    for (const org of orgs.slice(o, o + 200))
      for (const itemId of p.items) {
        const stepId = p.defs.get(itemId)!.def.steps[0]!.id;
        const snapshot = (day: string, option: string | null, actualDate: string | null) => ({
          at: `${day}T01:00:00.000Z`,
          data: {
            ...emptyRecord(),
            steps: {
              [stepId]: { status: option ? ("done" as const) : ("not_started" as const), plannedDate: null, actualDate, option },
            },
          },
        });
        const r = prng(`${org.id}/${itemId}/online`);
        const snapshots = [snapshot(monthStart(months[0]!), null, null)];
        const m = Math.floor(r() * months.length * 1.5);
        const channel = r() < 0.8 ? "マイナポータル" : "その他の電子申請";
        const done = months[m] ? `${months[m]}-15` : null;
        if (done && done < today) {
          snapshots.push(snapshot(done, channel, done));
          const moved = months[m + 1] ? `${months[m + 1]}-15` : null;
          if (moved && moved < today && r() < 0.3) snapshots.push(snapshot(moved, other(channel), done));
        }
        timelines.push({ orgId: org.id, itemId, snapshots });
      }
    await inTx(ctx, (tx) => writeTimelines(tx, byItem, timelines, { rebuildTotals: false }));
  }
  await inTx(ctx, (tx) => rebuildProgressTotals(tx, p.programmeId));
  return p;
}
