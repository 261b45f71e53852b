import type { z } from "zod";
import type { Survey, SurveyPatch, surveyCreate, surveyListQuery } from "../../../shared/api/surveys.js";
import { allQuestions, emptyDefinition } from "../../../shared/surveys/definition.js";
import { diff, recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { cachedRead } from "../../platform/db/versioned-cache.js";
import { conflict, forbidden } from "../../platform/errors.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { type LoadedSurvey, loadSurvey, parseDefinition, presentDetail, presentSummary, subjectOf } from "./access.js";
import { runsSurveys } from "./policy.js";
import {
  countsBySurvey,
  deleteSurveyRow,
  findAnswerRow,
  insertSurvey,
  linkSurveyFile,
  listSurveyFiles,
  listSurveyRows,
  type SurveyRow,
  updateSurveyRow,
  userNames,
} from "./repo.js";
import { assertSettings } from "./settings-rules.js";
import { orgAnswers, orgTargets } from "./targets-repo.js";

/** What the survey list reads. */
const surveyTables = ["surveys", "survey_targets", "survey_answers"];

export async function listSurveys(ctx: Ctx, q: z.infer<typeof surveyListQuery>) {
  if (ctx.actor?.role === "specialist")
    throw forbidden("照会は市町村と事務局が使う機能です。専門人材のアカウントでは一覧を表示できません。");
  authorize(ctx.actor, "survey.list");
  const actor = ctx.actor;
  const staff = runsSurveys(actor);
  // The rows with their counts and the organisation's own answers and targets, kept while the survey tables are unchanged.
  const { rows, counts, mine, targets } = await cachedRead(
    ctx,
    surveyTables,
    JSON.stringify([q, staff, actor.orgId]),
    async () => {
      const rows = await listSurveyRows(ctx, { orgId: staff ? undefined : actor.orgId, status: q.status, q: q.q });
      const ids = rows.map((r) => r.id);
      return {
        rows,
        counts: Object.fromEntries(await countsBySurvey(ctx, ids)),
        mine: ids.length ? await orgAnswers(ctx, ids, actor.orgId) : [],
        targets: ids.length ? await orgTargets(ctx, ids, actor.orgId) : [],
      };
    },
  );
  const visible = rows.filter((r) => can(actor, "survey.read", subjectOf(r, !staff)));
  const items = visible.map((r) => {
    const target = targets.find((t) => t.survey_id === r.id);
    return presentSummary(ctx, r, subjectOf(r, !!target), {
      counts: counts[r.id]!,
      mine: mine.find((m) => m.survey_id === r.id),
      target,
    });
  });
  return { items, total: items.length, canCreate: can(actor, "survey.create") };
}

async function detailOf(ctx: Ctx, loaded: LoadedSurvey): Promise<Survey> {
  const { row } = loaded;
  const counts = (await countsBySurvey(ctx, [row.id])).get(row.id)!;
  const mine = loaded.target ? await findAnswerRow(ctx, row.id, ctx.actor!.orgId) : undefined;
  const attachments = await listSurveyFiles(ctx, row.id, null);
  const names = await userNames(ctx, [row.created_by]);
  const createdBy = row.created_by ? { id: row.created_by, name: names.get(row.created_by) ?? "" } : null;
  return presentDetail(ctx, loaded, { counts, mine, target: loaded.target, attachments, createdBy });
}

export async function getSurvey(ctx: Ctx, id: string): Promise<Survey> {
  return detailOf(ctx, await loadSurvey(ctx, id));
}

/** The row fields a create or patch sets (undefined = unchanged). */
function fieldsOf(p: SurveyPatch): Partial<SurveyRow> {
  return {
    title: p.title,
    description: p.description,
    definition: p.definition ? JSON.stringify(p.definition) : undefined,
    target_mode: p.targetMode,
    target_org_ids: p.targetOrgIds ? JSON.stringify([...new Set(p.targetOrgIds)]) : undefined,
    target_body_id: p.targetBodyId,
    opens_on: p.opensOn,
    deadline_at: p.deadlineAt === undefined ? undefined : p.deadlineAt && new Date(p.deadlineAt).toISOString(),
    allow_edit_after_submit: p.allowEditAfterSubmit === undefined ? undefined : p.allowEditAfterSubmit ? 1 : 0,
    results_visibility: p.resultsVisibility,
    remind_days_before: p.remindDaysBefore,
    remind_on_day: p.remindOnDay === undefined ? undefined : p.remindOnDay ? 1 : 0,
  };
}

const defined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The audit form of a change: the definition is summarised, not copied. */
function auditChanges(before: SurveyRow | null, next: Partial<SurveyRow>) {
  const { definition, ...rest } = next;
  const out: Record<string, unknown> = before ? diff(before, rest) : defined(rest);
  if (definition && definition !== before?.definition)
    out.definition = { questions: allQuestions(parseDefinition({ definition })).length };
  return out;
}

export async function createSurvey(ctx: Ctx, input: z.infer<typeof surveyCreate>): Promise<Survey> {
  authorize(ctx.actor, "survey.create");
  return inTx(ctx, async (tx) => {
    const now = nowIso();
    const id = newId();
    const row: SurveyRow = {
      id,
      title: input.title,
      description: "",
      status: "draft",
      definition: JSON.stringify(emptyDefinition()),
      target_mode: "all",
      target_org_ids: "[]",
      target_body_id: null,
      opens_on: null,
      deadline_at: null,
      allow_edit_after_submit: 1,
      results_visibility: "staff",
      remind_days_before: 3,
      remind_on_day: 1,
      copied_from: null,
      open_notified_at: null,
      created_by: tx.actor!.userId,
      created_at: now,
      updated_at: now,
      published_at: null,
      closed_at: null,
      ...defined(fieldsOf(input)),
    };
    await assertSettings(tx, row, { deadlineChanged: !!row.deadline_at });
    await insertSurvey(tx, row);
    await recordAudit(tx, "survey.create", { type: "survey", id }, auditChanges(null, row));
    return getSurvey(tx, id);
  });
}

export async function updateSurvey(ctx: Ctx, id: string, patch: SurveyPatch): Promise<Survey> {
  return inTx(ctx, async (tx) => {
    const loaded = await loadSurvey(tx, id);
    authorize(tx.actor, "survey.update", loaded.subject);
    const { row } = loaded;
    const next = defined(fieldsOf(patch));
    if (row.status !== "draft") {
      if (next.definition !== undefined && next.definition !== row.definition)
        throw conflict("公開後は設問を変更できません。変更が必要な場合は、この照会をコピーして新しい照会を作ってください。");
      const targetKeys = ["target_mode", "target_org_ids", "target_body_id", "opens_on"] as const;
      if (targetKeys.some((k) => next[k] !== undefined && next[k] !== row[k]))
        throw conflict("公開後は回答を求める団体と開始日を変更できません。団体ごとの期限延長は回答状況の画面から行えます。");
    }
    const merged = { ...row, ...next };
    await assertSettings(tx, merged, { deadlineChanged: next.deadline_at !== undefined && next.deadline_at !== row.deadline_at });
    await updateSurveyRow(tx, id, { ...next, updated_at: nowIso() });
    await recordAudit(tx, "survey.update", { type: "survey", id }, auditChanges(row, next));
    return getSurvey(tx, id);
  });
}

/** A past survey as the template of a new draft: questions, instructions, settings and attachments; no dates. */
export async function copySurvey(ctx: Ctx, id: string): Promise<Survey> {
  return inTx(ctx, async (tx) => {
    const { row } = await loadSurvey(tx, id);
    authorize(tx.actor, "survey.copy");
    const now = nowIso();
    const copy: SurveyRow = {
      ...row,
      id: newId(),
      title: `${row.title}（コピー）`.slice(0, 200),
      status: "draft",
      opens_on: null,
      deadline_at: null,
      copied_from: row.id,
      open_notified_at: null,
      created_by: tx.actor!.userId,
      created_at: now,
      updated_at: now,
      published_at: null,
      closed_at: null,
    };
    await insertSurvey(tx, copy);
    for (const f of await listSurveyFiles(tx, row.id, null)) await linkSurveyFile(tx, copy.id, f.id, null, now);
    await recordAudit(tx, "survey.copy", { type: "survey", id: copy.id }, { from: row.id });
    return getSurvey(tx, copy.id);
  });
}

export async function deleteSurvey(ctx: Ctx, id: string): Promise<{ ok: true }> {
  return inTx(ctx, async (tx) => {
    const { row, subject } = await loadSurvey(tx, id);
    authorize(tx.actor, "survey.delete", subject);
    await deleteSurveyRow(tx, id);
    await recordAudit(tx, "survey.delete", { type: "survey", id }, { title: row.title });
    return { ok: true as const };
  });
}
