import type { KpiQuery, KpiView, ProgressTarget, TargetInput, TargetPatch } from "../../../shared/api/progress-kpis.js";
import { targetYearsAhead, targetYearsBack } from "../../../shared/api/progress-kpis.js";
import { fiscalYearAt } from "../../../shared/dates/jst.js";
import { fiscalYearLabel } from "../../../shared/dates/wareki.js";
import { offersMynaportal } from "../../../shared/progress/online.js";
import { diff, recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { invalid, notFound } from "../../platform/errors.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import "./policy.js";
import { filteredOrgs } from "./dashboard.js";
import * as kpis from "./kpi-repo.js";
import { onlineFigures } from "./online.js";
import { toPercent } from "./present.js";
import { findProgramme, listItemRows, listMetricRows, listStepRows, type MetricRow } from "./repo.js";
import { metricYearFigure } from "./rules.js";

/**
 * KPIs per fiscal year for a programme — over every municipality, or one — and the programme's
 * prefecture-wide targets with where each stands. Without a year: the latest with a reported value.
 */
export async function getKpis(ctx: Ctx, q: KpiQuery): Promise<KpiView> {
  authorize(ctx.actor, "progress.read");
  const p = await findProgramme(ctx, q.programmeId);
  if (!p) throw notFound("取組");
  const { orgs } = await filteredOrgs(ctx, {});
  const inView = q.orgId ? orgs.filter((o) => o.id === q.orgId) : orgs;
  if (!inView.length) throw notFound("市町村");
  const items = await listItemRows(ctx, [p.id]);
  const metrics = await listMetricRows(
    ctx,
    items.filter((i) => i.tracking === "metrics").map((i) => i.id),
  );
  const metricIds = metrics.map((m) => m.id);
  const { years, latestReported } = await kpis.metricYears(ctx, metricIds);
  const targetRows = q.orgId ? [] : await kpis.listTargetRows(ctx, p.id);
  const fy = q.fiscalYear ?? latestReported ?? fiscalYearAt();
  const fiscalYears = [...new Set([fiscalYearAt(), fy, ...years, ...targetRows.map((t) => t.fiscal_year)])].sort((a, b) => b - a);
  const orgIds = inView.map((o) => o.id);
  const itemNames = new Map(items.map((i) => [i.id, i.name]));
  return {
    programmeId: p.id,
    orgId: q.orgId ?? null,
    fiscalYear: fy,
    fiscalYears,
    metrics: (await yearFigures(ctx, metrics, fy, orgIds)).map(({ m, f }) => ({
      id: m.id,
      itemId: m.item_id,
      itemName: itemNames.get(m.item_id) ?? "",
      name: m.name,
      unit: m.unit,
      reported: f.reported,
      total: f.total,
      target: f.target,
      pct: toPercent(f.pct),
    })),
    targets: await presentTargets(ctx, targetRows, metrics, p.id, items, orgIds),
    canManage: can(ctx.actor, "progress.manage"),
  };
}

async function yearFigures(ctx: Ctx, metrics: MetricRow[], fy: number, orgIds: string[]) {
  const rows = await kpis.readYearValues(
    ctx,
    metrics.map((m) => m.id),
    fy,
    orgIds,
  );
  const byKey = new Map(rows.map((r) => [`${r.metric_id}|${r.org_id}`, { value: r.value, target: r.target }]));
  return metrics.map((m) => ({
    m,
    f: metricYearFigure(
      m.target_default,
      orgIds.map((o) => byKey.get(`${m.id}|${o}`)),
    ),
  }));
}

/** Each target with its current figure: the metric's sum for the target's year, or the municipalities complete nationally. */
async function presentTargets(
  ctx: Ctx,
  rows: kpis.TargetRow[],
  metrics: MetricRow[],
  programmeId: string,
  items: { id: string }[],
  orgIds: string[],
): Promise<ProgressTarget[]> {
  if (!rows.length) return [];
  const byId = new Map(metrics.map((m) => [m.id, m]));
  const online = rows.some((r) => r.measure === "online_national")
    ? await onlineFigures(
        ctx,
        items.map((i) => i.id),
        orgIds,
        null,
        programmeId,
      )
    : null;
  const out: ProgressTarget[] = [];
  for (const r of rows) {
    const metric = r.metric_id ? byId.get(r.metric_id) : undefined;
    const current =
      r.measure === "online_national"
        ? (online?.national.complete ?? null)
        : metric
          ? (await yearFigures(ctx, [metric], r.fiscal_year, orgIds))[0]!.f.total
          : null;
    out.push({
      id: r.id,
      programmeId: r.programme_id,
      fiscalYear: r.fiscal_year,
      title: r.title,
      measure: r.measure,
      metricId: r.metric_id,
      metricName: metric?.name ?? null,
      unit: r.measure === "online_national" ? "団体" : (metric?.unit ?? ""),
      targetValue: r.target_value,
      current,
      pct: current == null || !(r.target_value > 0) ? null : Math.min(100, Math.round((current / r.target_value) * 10000) / 100),
    });
  }
  return out;
}

/** The checks every target passes: a fiscal year near the current one, a metric of this programme, online procedures to count. */
async function checkTarget(ctx: Ctx, programmeId: string, t: TargetInput) {
  const now = fiscalYearAt();
  const [min, max] = [now - targetYearsBack, now + targetYearsAhead];
  if (t.fiscalYear < min || t.fiscalYear > max)
    throw invalid("目標の年度が範囲外です。", [
      {
        path: "fiscalYear",
        message: `年度は${fiscalYearLabel(min)}から${fiscalYearLabel(max)}までの間で入力してください`,
      },
    ]);
  const items = await listItemRows(ctx, [programmeId]);
  if (t.measure === "metric_sum") {
    const metrics = await listMetricRows(
      ctx,
      items.map((i) => i.id),
    );
    if (!t.metricId || !metrics.some((m) => m.id === t.metricId))
      throw invalid("数える指標がこの取組にありません。", [
        { path: "metricId", message: "この取組の指標を一覧から選んでください" },
      ]);
    return t.metricId;
  }
  const steps = await listStepRows(
    ctx,
    items.map((i) => i.id),
  );
  if (!steps.some((s) => offersMynaportal(s.options ? JSON.parse(s.options) : null)))
    throw invalid("この取組にはマイナポータル対応を数える手続がありません。", [
      { path: "measure", message: "この取組では「指標の県内合計」を選んでください" },
    ]);
  return null;
}

async function manageableProgramme(ctx: Ctx, programmeId: string) {
  authorize(ctx.actor, "progress.manage");
  const p = await findProgramme(ctx, programmeId);
  if (!p) throw notFound("取組");
  if (p.archived) throw invalid("終了した取組には目標を設定できません。");
  return p;
}

export async function createTarget(ctx: Ctx, programmeId: string, input: TargetInput) {
  await manageableProgramme(ctx, programmeId);
  return inTx(ctx, async (tx) => {
    const now = nowIso();
    const row: kpis.TargetRow = {
      id: newId(),
      programme_id: programmeId,
      fiscal_year: input.fiscalYear,
      title: input.title,
      measure: input.measure,
      metric_id: await checkTarget(tx, programmeId, input),
      target_value: input.targetValue,
      created_by: ctx.actor?.userId ?? null,
      created_at: now,
      updated_at: now,
    };
    await kpis.insertTargetRow(tx, row);
    await recordAudit(tx, "progressTarget.create", { type: "progress_target", id: row.id }, { after: input });
    return { id: row.id };
  });
}

export async function updateTarget(ctx: Ctx, id: string, patch: TargetPatch) {
  authorize(ctx.actor, "progress.manage");
  const before = await kpis.findTargetRow(ctx, id);
  if (!before) throw notFound("目標");
  await manageableProgramme(ctx, before.programme_id);
  return inTx(ctx, async (tx) => {
    const merged: TargetInput = {
      fiscalYear: patch.fiscalYear ?? before.fiscal_year,
      title: patch.title ?? before.title,
      measure: patch.measure ?? before.measure,
      metricId: patch.metricId === undefined ? before.metric_id : patch.metricId,
      targetValue: patch.targetValue ?? before.target_value,
    };
    const next: Partial<kpis.TargetRow> = {
      fiscal_year: merged.fiscalYear,
      title: merged.title,
      measure: merged.measure,
      metric_id: await checkTarget(tx, before.programme_id, merged),
      target_value: merged.targetValue,
    };
    const changes = diff(before, next);
    await kpis.updateTargetRow(tx, id, { ...next, updated_at: nowIso() });
    await recordAudit(tx, "progressTarget.update", { type: "progress_target", id }, changes);
    return { id };
  });
}

export async function deleteTarget(ctx: Ctx, id: string) {
  authorize(ctx.actor, "progress.manage");
  const before = await kpis.findTargetRow(ctx, id);
  if (!before) throw notFound("目標");
  await inTx(ctx, async (tx) => {
    await kpis.deleteTargetRow(tx, id);
    await recordAudit(
      tx,
      "progressTarget.delete",
      { type: "progress_target", id },
      {
        before: {
          programmeId: before.programme_id,
          fiscalYear: before.fiscal_year,
          title: before.title,
          targetValue: before.target_value,
        },
      },
    );
  });
  return { ok: true as const };
}
