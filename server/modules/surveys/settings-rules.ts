import { jstDate } from "../../../shared/dates/jst.js";
import type { FieldIssue } from "../../../shared/errors.js";
import { allQuestions } from "../../../shared/surveys/definition.js";
import { type Ctx, nowIso } from "../../platform/context.js";
import { invalid } from "../../platform/errors.js";
import { parseDefinition } from "./access.js";
import type { SurveyRow } from "./repo.js";
import { bodyExists, bodyMunicipalityIds, existingOrgIds, municipalOrgIds } from "./targets-repo.js";

/**
 * The organisations a survey asks: every municipality, the chosen organisations, or the
 * municipalities that are members of a body (its chair, vice chairs and members, not observers).
 */
async function resolveTargets(ctx: Ctx, row: Pick<SurveyRow, "target_mode" | "target_org_ids" | "target_body_id">) {
  if (row.target_mode === "all") {
    const rows = await municipalOrgIds(ctx);
    return rows.map((r) => r.id);
  }
  if (row.target_mode === "orgs") {
    const ids = JSON.parse(row.target_org_ids) as string[];
    if (!ids.length) return [];
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await existingOrgIds(ctx, ids.slice(i, i + 500));
      for (const r of rows) found.add(r.id);
    }
    return ids.filter((id) => found.has(id));
  }
  if (!row.target_body_id) return [];
  const today = jstDate();
  const rows = await bodyMunicipalityIds(ctx, row.target_body_id, today);
  return rows.map((r) => r.id);
}

/**
 * Checks the distribution settings, field by field. Saving a draft checks what is filled in;
 * publishing also requires questions, a deadline and at least one organisation.
 */
export async function assertSettings(
  ctx: Ctx,
  row: SurveyRow,
  opts: { deadlineChanged?: boolean; publishing?: boolean },
): Promise<string[]> {
  const issues: FieldIssue[] = [];
  const now = nowIso();
  if (row.deadline_at && (opts.deadlineChanged || opts.publishing) && row.deadline_at <= now)
    issues.push({ path: "deadlineAt", message: "回答期限が過去の日時です。これから先の日時を選んでください" });
  if (row.deadline_at && row.opens_on && row.opens_on > jstDate(new Date(row.deadline_at)))
    issues.push({ path: "opensOn", message: "回答の受付開始日は回答期限より前の日にしてください" });
  if (row.target_mode === "body" && !row.target_body_id)
    issues.push({ path: "targetBodyId", message: "回答を求める会議体を選んでください" });
  if (row.target_body_id && !(await bodyExists(ctx, row.target_body_id)))
    issues.push({ path: "targetBodyId", message: "会議体が見つかりません。選び直してください" });
  let targets: string[] = [];
  if (row.target_mode === "orgs" || opts.publishing) {
    targets = await resolveTargets(ctx, row);
    const asked = JSON.parse(row.target_org_ids) as string[];
    if (row.target_mode === "orgs" && targets.length < asked.length)
      issues.push({ path: "targetOrgIds", message: "見つからない団体が含まれています。団体を選び直してください" });
  }
  if (opts.publishing) {
    if (!row.deadline_at) issues.push({ path: "deadlineAt", message: "回答期限を設定してください" });
    if (allQuestions(parseDefinition(row)).length === 0)
      issues.push({ path: "definition", message: "設問を1つ以上作ってください" });
    if (!targets.length)
      issues.push({
        path: row.target_mode === "orgs" ? "targetOrgIds" : row.target_mode === "body" ? "targetBodyId" : "targetMode",
        message: "回答を求める団体がありません。団体を選んでください",
      });
  }
  if (issues.length)
    throw invalid(opts.publishing ? "公開する前に次の点を直してください。" : "入力内容を確認してください。", issues);
  return targets;
}
