import type { z } from "zod";
import type { PlanEntry, planEntryInput, planEntryPatch, YearPlan } from "../../../shared/api/year-plan.js";
import { fiscalYearRange, jstToday } from "../../../shared/dates/jst.js";
import { fiscalYearLabel } from "../../../shared/dates/wareki.js";
import { diff, recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { conflict, invalid, notFound } from "../../platform/errors.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import type { MeetingSubject } from "../meetings/index.js";
import { visibleBodies, visibleMeetingList } from "../meetings/index.js";
import {
  countPlanRows,
  deletePlanRow,
  findPlanRow,
  insertPlanRows,
  listPlanRows,
  type PlanEntryRow,
  updatePlanRow,
} from "./plan-repo.js";
import { matchHeld, planWarnings, shiftToNextYear } from "./plan-rules.js";
import "./policy.js";

type Bodies = Awaited<ReturnType<typeof visibleBodies>>;

/** The whole year as the actor sees it: entries of visible bodies, milestones, planned against held, warnings. */
export async function getYearPlan(ctx: Ctx, fy: number): Promise<YearPlan> {
  authorize(ctx.actor, "yearPlan.read");
  const bodies = await visibleBodies(ctx);
  const range = fiscalYearRange(fy);
  const rows = (await listPlanRows(ctx, fy)).filter((r) => r.body_id === null || bodies.has(r.body_id));
  const meetings = (await visibleMeetingList(ctx, { from: range.start, to: range.end })).filter(
    (m) => m.status !== "cancelled" && m.fiscalYear === fy,
  );
  const windows = rows.map((r) => ({
    id: r.id,
    type: r.entry_type,
    bodyId: r.body_id,
    bodyName: r.body_id ? (bodies.get(r.body_id)?.name ?? null) : null,
    startDate: r.start_date,
    endDate: r.end_date,
  }));
  const warnings = planWarnings(windows);
  const { matched, unplanned } = matchHeld(windows, meetings);
  const byId = new Map(meetings.map((m) => [m.id, m]));
  const today = jstToday();
  const entries: PlanEntry[] = rows.map((r) => {
    const m = matched.has(r.id) ? byId.get(matched.get(r.id)!)! : null;
    const outcome =
      r.entry_type === "milestone"
        ? null
        : m
          ? m.status === "held" || m.status === "minutes_published"
            ? "held"
            : "scheduled"
          : r.end_date < today
            ? "missed"
            : "planned";
    return {
      id: r.id,
      fiscalYear: r.fiscal_year,
      type: r.entry_type,
      bodyId: r.body_id,
      bodyName: r.body_id ? (bodies.get(r.body_id)?.name ?? null) : null,
      kind: r.kind,
      title: r.title,
      startDate: r.start_date,
      endDate: r.end_date,
      outcome,
      meeting: m ? { id: m.id, name: m.name, startsAt: m.startsAt, status: m.status } : null,
      warnings: warnings.get(r.id) ?? [],
      abilities: { canEdit: canEditRow(ctx, r, bodies) },
    };
  });
  const count = (o: PlanEntry["outcome"]) => entries.filter((e) => e.outcome === o).length;
  return {
    fiscalYear: fy,
    label: fiscalYearLabel(fy),
    startDate: range.start,
    endDate: range.end,
    entries,
    unplanned: unplanned.map((u) => {
      const m = byId.get(u.id)!;
      return { id: m.id, name: m.name, startsAt: m.startsAt, status: m.status, bodyId: m.bodyId, bodyName: m.bodyName };
    }),
    bodies: [...bodies].map(([id, b]) => ({ id, name: b.name, canPlan: can(ctx.actor, "yearPlan.planBody", b.subject) })),
    summary: {
      planned: entries.filter((e) => e.type === "meeting").length,
      held: count("held"),
      scheduled: count("scheduled"),
      missed: count("missed"),
    },
    abilities: { canEditMilestones: can(ctx.actor, "yearPlan.manage"), canCopy: can(ctx.actor, "yearPlan.manage") },
  };
}

function canEditRow(ctx: Ctx, r: Pick<PlanEntryRow, "body_id">, bodies: Bodies) {
  if (r.body_id === null) return can(ctx.actor, "yearPlan.manage");
  const b = bodies.get(r.body_id);
  return !!b && can(ctx.actor, "yearPlan.planBody", b.subject);
}

/** Authorises a change to an entry of `bodyId` (null: a milestone); a body the actor cannot see is a 404. */
async function authorizeEntry(ctx: Ctx, bodyId: string | null) {
  if (bodyId === null) return authorize(ctx.actor, "yearPlan.manage");
  authorize(ctx.actor, "yearPlan.read");
  const body = (await visibleBodies(ctx)).get(bodyId);
  if (!body) throw notFound("会議体");
  authorize(ctx.actor, "yearPlan.planBody", body.subject satisfies MeetingSubject);
}

function checkWithinYear(fy: number, start: string, end: string) {
  const range = fiscalYearRange(fy);
  const label = fiscalYearLabel(fy);
  if (start < range.start || start > range.end)
    throw invalid(`始まりの日が${label}（${range.start}〜${range.end}）の外です。`, [
      { path: "startDate", message: `${label}の日付を入力してください` },
    ]);
  if (end > range.end)
    throw invalid(`終わりの日が${label}（${range.start}〜${range.end}）の外です。`, [
      { path: "endDate", message: `${label}の日付を入力してください` },
    ]);
}

const entryAudit = (r: PlanEntryRow) => ({ type: "year_plan_entry", id: r.id });

export async function createPlanEntry(ctx: Ctx, fy: number, input: z.infer<typeof planEntryInput>) {
  const bodyId = input.type === "meeting" ? input.bodyId! : null;
  await authorizeEntry(ctx, bodyId);
  checkWithinYear(fy, input.startDate, input.endDate);
  return inTx(ctx, async (tx) => {
    const now = nowIso();
    const row: PlanEntryRow = {
      id: newId(),
      fiscal_year: fy,
      entry_type: input.type,
      body_id: bodyId,
      kind: input.type === "meeting" ? (input.kind ?? null) : null,
      title: input.title,
      start_date: input.startDate,
      end_date: input.endDate,
      created_by: tx.actor!.userId,
      created_at: now,
      updated_at: now,
    };
    await insertPlanRows(tx, [row]);
    await recordAudit(tx, "yearPlan.create", entryAudit(row), { after: input, fiscalYear: fy });
    return getYearPlan(tx, fy);
  });
}

async function loadEntry(ctx: Ctx, id: string) {
  authorize(ctx.actor, "yearPlan.read");
  const row = await findPlanRow(ctx, id);
  if (!row) throw notFound("年間計画の予定");
  if (row.body_id && !(await visibleBodies(ctx)).has(row.body_id)) throw notFound("年間計画の予定");
  await authorizeEntry(ctx, row.body_id);
  return row;
}

export async function updatePlanEntry(ctx: Ctx, id: string, patch: z.infer<typeof planEntryPatch>) {
  const row = await loadEntry(ctx, id);
  if (patch.bodyId !== undefined && row.entry_type === "milestone" && patch.bodyId !== null)
    throw invalid("期限・節目に会議体は設定できません。", [{ path: "bodyId", message: "会議体は選べません" }]);
  if (row.entry_type === "meeting" && patch.bodyId !== undefined && patch.bodyId !== row.body_id) {
    if (patch.bodyId === null) throw invalid("会議体を選んでください。", [{ path: "bodyId", message: "会議体を選んでください" }]);
    await authorizeEntry(ctx, patch.bodyId);
  }
  const next: Partial<PlanEntryRow> = {
    body_id: row.entry_type === "meeting" ? (patch.bodyId ?? undefined) : undefined,
    kind: row.entry_type === "meeting" ? patch.kind : undefined,
    title: patch.title,
    start_date: patch.startDate,
    end_date: patch.endDate,
  };
  const merged = { ...row, ...Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) };
  if (merged.end_date < merged.start_date)
    throw invalid("終わりの日は始まりの日以降にしてください。", [{ path: "endDate", message: "始まりの日以降にしてください" }]);
  checkWithinYear(row.fiscal_year, merged.start_date, merged.end_date);
  return inTx(ctx, async (tx) => {
    await updatePlanRow(tx, id, { ...next, updated_at: nowIso() });
    await recordAudit(tx, "yearPlan.update", entryAudit(row), diff(row, next));
    return getYearPlan(tx, row.fiscal_year);
  });
}

export async function deletePlanEntry(ctx: Ctx, id: string) {
  const row = await loadEntry(ctx, id);
  return inTx(ctx, async (tx) => {
    await deletePlanRow(tx, id);
    await recordAudit(tx, "yearPlan.delete", entryAudit(row), { before: row });
    return getYearPlan(tx, row.fiscal_year);
  });
}

/** Copies last fiscal year's plan (every body's entries and the milestones) into an empty year. */
export async function copyPreviousPlan(ctx: Ctx, fy: number) {
  authorize(ctx.actor, "yearPlan.manage");
  return inTx(ctx, async (tx) => {
    if ((await countPlanRows(tx, fy)) > 0)
      throw conflict(`${fiscalYearLabel(fy)}の計画にはすでに予定があります。前年度の写しは空の年度にだけ作れます。`);
    const source = await listPlanRows(tx, fy - 1);
    if (!source.length) throw conflict(`${fiscalYearLabel(fy - 1)}の計画に予定がないため、写せません。`);
    const now = nowIso();
    const rows = source.map((r) => ({
      ...r,
      ...(({ startDate, endDate }) => ({ start_date: startDate, end_date: endDate }))(
        shiftToNextYear(r.start_date, r.end_date, fy),
      ),
      id: newId(),
      fiscal_year: fy,
      created_by: tx.actor!.userId,
      created_at: now,
      updated_at: now,
    }));
    await insertPlanRows(tx, rows);
    await recordAudit(tx, "yearPlan.copy", { type: "year_plan", id: String(fy) }, { from: fy - 1, copied: rows.length });
    return { copied: rows.length };
  });
}
