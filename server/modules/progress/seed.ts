import { addDays } from "../../../shared/dates/calendar.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { recordAudit } from "../../platform/audit/record.js";
import type { Ctx } from "../../platform/context.js";
import type { DemoCouncil } from "../demo/index.js";
import { loadItemDefs } from "./repo.js";
import { emptyRecord, type RecordData } from "./rules.js";
import { seedProgressDefinitions } from "./seed-definitions.js";
import { seedDemoMetrics } from "./seed-metrics.js";
import { dateBetween, days, prng, snapshots } from "./seed-util.js";
import { type Timeline, writeTimelines } from "./timelines.js";

/** Who is where with the 20 systems (system numbers): flagged exceptions, and late systems that are not flagged. */
const standardisation: Record<string, { exc: number[]; late?: number[]; online: number }> = {
  下関市: { exc: [19, 20], online: 0.96 },
  宇部市: { exc: [], online: 1 },
  山口市: { exc: [16], online: 0.93 },
  萩市: { exc: [7, 10], online: 0.78 },
  防府市: { exc: [], online: 0.96 },
  下松市: { exc: [13], online: 0.85 },
  岩国市: { exc: [3, 4, 5, 6], online: 0.89 },
  光市: { exc: [], online: 0.81 },
  長門市: { exc: [11], late: [14], online: 0.63 },
  柳井市: { exc: [9], online: 0.7 },
  美祢市: { exc: [19, 20], online: 0.59 },
  周南市: { exc: [16], online: 0.93 },
  山陽小野田市: { exc: [], online: 0.85 },
  周防大島町: { exc: [1, 2, 18], online: 0.48 },
  和木町: { exc: [], online: 0.74 },
  上関町: { exc: [], late: [1, 3, 4, 7, 11, 12], online: 0.3 },
  田布施町: { exc: [13, 17], online: 0.56 },
  平生町: { exc: [15], online: 0.52 },
  阿武町: { exc: [19, 20], late: [14, 17], online: 0.41 },
};
const reasons = [
  "ベンダの開発体制が不足し、標準準拠システムの提供が移行期限に間に合わないため。",
  "文字の同定作業とデータ移行に想定以上の時間を要しているため。",
  "近隣団体と共同利用するシステムのため、共同利用団体全体の移行時期に合わせるため。",
  "ガバメントクラウド接続回線の調達が遅れ、移行作業の開始が遅れたため。",
];
const revisedTargets = ["2027-03-31", "2028-03-31", "2029-03-31", "2030-03-31"];

function systemTimeline(org: string, sys: number, stepIds: string[], today: string, windowStart: string) {
  const p = standardisation[org]!;
  const r = prng(`${org}/${sys}`);
  const n = stepIds.length;
  const exc = p.exc.includes(sys);
  const late = p.late?.includes(sys) ?? false;
  const finalDone = exc ? 5 + Math.floor(r() * 4) : late ? 6 + Math.floor(r() * 4) : n;
  const begin = dateBetween(r, "2023-04-01", "2023-12-31");
  const end =
    finalDone === n
      ? r() < 0.9
        ? dateBetween(r, "2025-09-01", "2026-03-27")
        : dateBetween(r, "2026-04-15", addDays(today, -7))
      : dateBetween(r, addDays(today, -200), addDays(today, -30));
  // Planning (the first four steps) took a year or so; the migration itself crowds into the last year and a bit.
  const planEnd = addDays(begin, 300);
  const migStart = [planEnd, addDays(end, -420)].sort()[1]!;
  const actual = stepIds.map((_, j) => {
    if (j >= finalDone) return null;
    if (j < 4) return addDays(begin, Math.round((days(begin, planEnd) * (j + 1)) / 4));
    return addDays(migStart, Math.round((days(migStart, end) * (j - 3)) / Math.max(1, finalDone - 4)));
  });
  const revised = exc ? revisedTargets[Math.floor(r() * revisedTargets.length)]! : null;
  const flaggedOn = exc ? dateBetween(r, addDays(windowStart, 20), addDays(today, -40)) : null;
  const planned = stepIds.map((_, j) => {
    if (actual[j]) return addDays(actual[j]!, -Math.floor(r() * 25));
    if (late) return j === finalDone ? "2026-03-31" : dateBetween(r, addDays(today, 30), "2027-09-30");
    // 美祢市 let a replanned date pass: behind plan even with its revised target.
    if (org === "美祢市" && j === finalDone) return addDays(today, -24);
    return dateBetween(r, addDays(today, 20 + j * 30), revised!);
  });
  const data = (d: string): RecordData => {
    const rec = emptyRecord();
    let doneSoFar = 0;
    stepIds.forEach((id, j) => {
      const isDone = actual[j] != null && actual[j]! <= d;
      if (isDone) doneSoFar++;
      rec.steps[id] = {
        status: isDone ? "done" : j === doneSoFar && j < n ? "in_progress" : "not_started",
        plannedDate: planned[j]!,
        actualDate: isDone ? actual[j]! : null,
        option: null,
      };
    });
    if (flaggedOn && flaggedOn <= d) {
      rec.exception = true;
      rec.exceptionReason = reasons[Math.floor(prng(`${org}/${sys}/reason`)() * reasons.length)]!;
      rec.revisedTarget = revised;
    }
    return rec;
  };
  const events = [...actual.filter((a): a is string => !!a), ...(flaggedOn ? [flaggedOn] : [])];
  return snapshots(
    windowStart,
    events,
    data,
    flaggedOn ? { [flaggedOn]: "特定移行支援システムの該当見込みについて国へ報告済み。" } : undefined,
  );
}

function onlineTimeline(org: string, code: string, stepId: string, today: string, windowStart: string) {
  const r = prng(`${org}/online/${code}`);
  const online = r() < standardisation[org]!.online;
  const date = online ? dateBetween(r, "2023-04-01", addDays(today, -3)) : null;
  const option = r() < 0.85 ? "マイナポータル" : "その他の電子申請";
  const planned = online ? null : org === "周防大島町" ? addDays(today, -40) : dateBetween(r, addDays(today, 45), "2027-09-30");
  const started = !online && r() < 0.4;
  const data = (d: string): RecordData => {
    const rec = emptyRecord();
    const isDone = !!date && date <= d;
    rec.steps[stepId] = {
      status: isDone ? "done" : started ? "in_progress" : "not_started",
      plannedDate: planned,
      actualDate: isDone ? date : null,
      option: isDone ? option : null,
    };
    return rec;
  };
  return snapshots(windowStart, date ? [date] : [], data);
}

/**
 * Demo progress for the 19 municipalities: the 20 systems step by step (most migrated by the
 * national deadline, some 特定移行支援システム with reasons and revised targets, a few late),
 * the online procedures, shared RPA and the smartphone classes, with about a year of monthly history.
 * Called at the end of the demo seed; returns the council unchanged so the seed can chain it.
 */
export async function seedProgressDemo(ctx: Ctx, demo: DemoCouncil): Promise<DemoCouncil> {
  const defs = await seedProgressDefinitions(ctx);
  const loaded = await loadItemDefs(
    ctx,
    Object.values(defs.items).flatMap((m) => Object.values(m)),
  );
  const byItem = new Map([...loaded].map(([id, l]) => [id, { def: l.def, programmeId: l.programme.id }]));
  const today = jstDate();
  const windowStart = `${addDays(`${today.slice(0, 7)}-01`, -320).slice(0, 7)}-01`;
  const timelines: Timeline[] = [];
  for (const org of Object.keys(standardisation)) {
    const orgId = demo.orgs[org]!;
    for (const [code, itemId] of Object.entries(defs.items.standardisation!))
      timelines.push({ orgId, itemId, snapshots: systemTimeline(org, Number(code), defs.steps[itemId]!, today, windowStart) });
    for (const [code, itemId] of Object.entries(defs.items.online!))
      timelines.push({ orgId, itemId, snapshots: onlineTimeline(org, code, defs.steps[itemId]![0]!, today, windowStart) });
    timelines.push(...seedDemoMetrics(org, orgId, defs, today, windowStart));
  }
  const written = await writeTimelines(ctx, byItem, timelines);
  await recordAudit(ctx, "progress.seed", { type: "progress", id: null }, written);
  return demo;
}
