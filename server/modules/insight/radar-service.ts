import type { RadarPlanInput, RadarView } from "../../../shared/api/insight.js";
import { addDays } from "../../../shared/dates/calendar.js";
import { fiscalYearAt, jstDate, jstInstant } from "../../../shared/dates/jst.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, nowIso } from "../../platform/context.js";
import { invalid } from "../../platform/errors.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { radarDeskCounts } from "../consultations/index.js";
import { listOrgRows } from "../orgs/index.js";
import { radarProgressCounts } from "../progress/index.js";
import { radarLateAnswers } from "../surveys/index.js";
import "./policy.js";
import { allocateHours, radarScore } from "./radar.js";
import { findSetting, saveSetting } from "./repo.js";

const PLAN_KEY = "radarPlan";
const municipal = new Set(["city", "town", "village"]);

interface StoredPlan {
  period: string;
  capacityHours: number;
  allocations: { orgId: string; hours: number }[];
}

function quarterLabel(today: string) {
  const fy = fiscalYearAt(jstInstant(today));
  const m = Number(today.slice(5, 7));
  const q = m >= 4 ? Math.floor((m - 4) / 3) + 1 : 4;
  return `${fy}年度 第${q}四半期`;
}

async function readPlan(ctx: Ctx, today: string) {
  const row = await findSetting(ctx, PLAN_KEY);
  const plan: StoredPlan = row
    ? (JSON.parse(row.value) as StoredPlan)
    : { period: quarterLabel(today), capacityHours: 160, allocations: [] };
  return { plan, savedAt: row?.updated_at ?? null };
}

const toMap = (rows: { orgId: string; n: number | string | bigint }[]) => new Map(rows.map((r) => [r.orgId, Number(r.n)]));

/** Every municipality's score with its components, the proposed share of the specialists' hours and the saved plan. */
export async function getRadar(ctx: Ctx): Promise<RadarView> {
  authorize(ctx.actor, "insight.radar.read");
  const today = jstDate();
  const { plan, savedAt } = await readPlan(ctx, today);
  const orgs = (await listOrgRows(ctx, {})).filter((o) => municipal.has(o.kind));
  const progress = await radarProgressCounts(ctx, today);
  const desk = await radarDeskCounts(ctx, jstInstant(addDays(today, -89)).toISOString(), today);
  const late = await radarLateAnswers(ctx, jstInstant(addDays(today, -364)).toISOString(), nowIso());
  const behind = toMap(progress.behind);
  const exceptions = toMap(progress.exceptions);
  const volume = toMap(desk.volume);
  const missed = toMap(desk.missed);
  const lateMap = toMap(late);
  const planned = new Map(plan.allocations.map((a) => [a.orgId, a.hours]));
  const scored = orgs.map((o) => {
    const staff = o.digital_staff ?? null;
    const { components, score } = radarScore({
      lag: behind.get(o.id) ?? 0,
      exceptions: exceptions.get(o.id) ?? 0,
      deskVolume: volume.get(o.id) ?? 0,
      deskMissed: missed.get(o.id) ?? 0,
      lateSurveys: lateMap.get(o.id) ?? 0,
      noDigitalStaff: staff === 0 ? 1 : 0,
    });
    return { o, staff, components, score };
  });
  scored.sort((a, b) => b.score - a.score || (a.o.lg_code ?? "").localeCompare(b.o.lg_code ?? ""));
  const proposed = allocateHours(
    scored.map((s) => s.score),
    plan.capacityHours,
  );
  return {
    asOf: today,
    period: plan.period,
    capacityHours: plan.capacityHours,
    plannedTotal: plan.allocations.reduce((s, a) => s + a.hours, 0),
    savedAt,
    canEdit: can(ctx.actor, "insight.radar.plan"),
    rows: scored.map((s, i) => ({
      orgId: s.o.id,
      orgName: s.o.name,
      lgCode: s.o.lg_code,
      score: s.score,
      components: s.components,
      digitalStaff: s.staff,
      proposedHours: proposed[i]!,
      plannedHours: planned.get(s.o.id) ?? null,
    })),
  };
}

/** Saves the period's capacity and the hours per municipality (the schema refuses a total above the capacity). */
export async function saveRadarPlan(ctx: Ctx, input: RadarPlanInput): Promise<RadarView> {
  return inTx(ctx, async (tx) => {
    authorize(tx.actor, "insight.radar.plan");
    const municipalities = new Set((await listOrgRows(tx, {})).filter((o) => municipal.has(o.kind)).map((o) => o.id));
    const unknown = input.allocations.findIndex((a) => !municipalities.has(a.orgId));
    if (unknown >= 0)
      throw invalid("市町村ではない団体が含まれています。", [
        { path: `allocations.${unknown}.orgId`, message: "市町村を選んでください" },
      ]);
    const before = await readPlan(tx, jstDate());
    const plan: StoredPlan = {
      period: input.period,
      capacityHours: input.capacityHours,
      allocations: input.allocations.filter((a) => a.hours > 0),
    };
    await saveSetting(tx, PLAN_KEY, JSON.stringify(plan), tx.actor.userId, nowIso());
    await recordAudit(tx, "insight.radarPlan", { type: "insight_radar", id: PLAN_KEY }, { before: before.plan, after: plan });
    return getRadar(tx);
  });
}
