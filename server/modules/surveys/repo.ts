import type { Ctx } from "../../platform/context.js";
import { contains } from "../../platform/db/contains.js";
import { preparedQuery } from "../../platform/db/prepared.js";
import type { SurveyAnswersTable, SurveysTable, SurveyTargetsTable } from "./tables.js";

export type SurveyRow = SurveysTable;
export type AnswerRow = SurveyAnswersTable;
export type TargetRow = SurveyTargetsTable;

export const findSurveyRow = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("surveys").selectAll().where("id", "=", id).executeTakeFirst();

export async function insertSurvey(ctx: Ctx, row: SurveyRow) {
  await ctx.db.insertInto("surveys").values(row).execute();
}
export async function updateSurveyRow(ctx: Ctx, id: string, patch: Partial<SurveyRow>) {
  await ctx.db.updateTable("surveys").set(patch).where("id", "=", id).execute();
}
/** Marks (or unmarks) the submitted answers of these organisations as checked; returns how many changed. */
export async function setAnswerChecks(ctx: Ctx, surveyId: string, orgIds: string[], at: string | null, by: string | null) {
  const res = await ctx.db
    .updateTable("survey_answers")
    .set({ checked_at: at, checked_by: by })
    .where("survey_id", "=", surveyId)
    .where("org_id", "in", orgIds)
    .where("status", "=", "submitted")
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function deleteSurveyRow(ctx: Ctx, id: string) {
  await ctx.db.deleteFrom("survey_files").where("survey_id", "=", id).execute();
  await ctx.db.deleteFrom("survey_workbooks").where("survey_id", "=", id).execute();
  await ctx.db.deleteFrom("survey_relays").where("survey_id", "=", id).execute();
  await ctx.db.deleteFrom("surveys").where("id", "=", id).execute();
}

/** Staff see every survey; an organisation sees the published ones that ask it. */
/** What a survey's line in the list needs: not its questions or description, which may be long. */
const listColumns = ["id", "title", "status", "opens_on", "deadline_at", "results_visibility", "updated_at"] as const;
export type SurveyListRow = Pick<SurveyRow, (typeof listColumns)[number]>;

const surveyList = preparedQuery((db, opts: { orgId?: string; status?: SurveyRow["status"]; q?: string }, engine) => {
  let q = db.selectFrom("surveys").select(listColumns.map((c) => `surveys.${c}` as const));
  if (opts.orgId) {
    const orgId = opts.orgId;
    // Driven from the organisation's targets (index survey_targets_org), not a walk of every survey.
    q = q
      .where("status", "!=", "draft")
      .where("surveys.id", "in", (eb) =>
        eb.selectFrom("survey_targets as t").select("t.survey_id").where("t.org_id", "=", orgId),
      );
  }
  if (opts.status) q = q.where("status", "=", opts.status);
  if (opts.q) q = q.where(contains({ engine }, "title", opts.q));
  return q.orderBy("created_at", "desc");
});
export const listSurveyRows = (ctx: Ctx, opts: { orgId?: string; status?: SurveyRow["status"]; q?: string }) =>
  surveyList(ctx.db, ctx.engine, opts);

export const findTarget = (ctx: Ctx, surveyId: string, orgId: string) =>
  ctx.db
    .selectFrom("survey_targets")
    .selectAll()
    .where("survey_id", "=", surveyId)
    .where("org_id", "=", orgId)
    .executeTakeFirst();

export async function insertTargets(ctx: Ctx, surveyId: string, orgIds: string[], now: string) {
  for (let i = 0; i < orgIds.length; i += 500) {
    const chunk = orgIds
      .slice(i, i + 500)
      .map((org_id) => ({ survey_id: surveyId, org_id, extended_until: null, created_at: now }));
    await ctx.db.insertInto("survey_targets").values(chunk).execute();
  }
}

export async function setExtension(ctx: Ctx, surveyId: string, orgId: string, until: string | null) {
  await ctx.db
    .updateTable("survey_targets")
    .set({ extended_until: until })
    .where("survey_id", "=", surveyId)
    .where("org_id", "=", orgId)
    .execute();
}

/** Target and answer counts per survey (for lists). */
const targetCounts = preparedQuery((db, p: { ids: string[] }) =>
  db
    .selectFrom("survey_targets")
    .select(["survey_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("survey_id", "in", p.ids)
    .groupBy("survey_id"),
);
const submittedCounts = preparedQuery((db, p: { ids: string[] }) =>
  db
    .selectFrom("survey_answers")
    .select(["survey_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("survey_id", "in", p.ids)
    .where("status", "=", "submitted")
    .groupBy("survey_id"),
);

export async function countsBySurvey(ctx: Ctx, ids: string[]) {
  if (!ids.length) return new Map<string, { targets: number; submitted: number }>();
  const targets = await targetCounts(ctx.db, ctx.engine, { ids });
  const submitted = await submittedCounts(ctx.db, ctx.engine, { ids });
  const out = new Map<string, { targets: number; submitted: number }>();
  for (const id of ids) out.set(id, { targets: 0, submitted: 0 });
  for (const t of targets) out.get(t.survey_id)!.targets = Number(t.n);
  for (const s of submitted) out.get(s.survey_id)!.submitted = Number(s.n);
  return out;
}

export const findAnswerRow = (ctx: Ctx, surveyId: string, orgId: string) =>
  ctx.db
    .selectFrom("survey_answers")
    .selectAll()
    .where("survey_id", "=", surveyId)
    .where("org_id", "=", orgId)
    .executeTakeFirst();

/** Optimistic update: changes the row only if it still has `version`; returns whether it did. */
export async function updateAnswerIfVersion(ctx: Ctx, id: string, version: number, patch: Partial<AnswerRow>): Promise<boolean> {
  const res = await ctx.db
    .updateTable("survey_answers")
    .set({ ...patch, version: version + 1 })
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export const userNames = async (ctx: Ctx, ids: (string | null)[]) => {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map<string, string>();
  const rows = await ctx.db.selectFrom("users").select(["id", "name"]).where("id", "in", wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
};

/** Files linked to a survey: its attachments (orgId null) or one organisation's uploads. */
export function listSurveyFiles(ctx: Ctx, surveyId: string, orgId: string | null) {
  let q = ctx.db
    .selectFrom("survey_files as sf")
    .innerJoin("files as f", "f.id", "sf.file_id")
    .select(["f.id", "f.name", "f.size", "f.mime", "f.sha256", "sf.org_id"])
    .where("sf.survey_id", "=", surveyId);
  q = orgId === null ? q.where("sf.org_id", "is", null) : q.where("sf.org_id", "=", orgId);
  return q.orderBy("sf.created_at").execute();
}

export const findSurveyFile = (ctx: Ctx, surveyId: string, fileId: string) =>
  ctx.db
    .selectFrom("survey_files as sf")
    .innerJoin("files as f", "f.id", "sf.file_id")
    .selectAll("f")
    .select("sf.org_id")
    .where("sf.survey_id", "=", surveyId)
    .where("sf.file_id", "=", fileId)
    .executeTakeFirst();

export async function linkSurveyFile(ctx: Ctx, surveyId: string, fileId: string, orgId: string | null, now: string) {
  await ctx.db
    .insertInto("survey_files")
    .values({ survey_id: surveyId, file_id: fileId, org_id: orgId, created_at: now })
    .onConflict((oc) => oc.columns(["survey_id", "file_id"]).doNothing())
    .execute();
}
export async function unlinkSurveyFile(ctx: Ctx, surveyId: string, fileId: string) {
  await ctx.db.deleteFrom("survey_files").where("survey_id", "=", surveyId).where("file_id", "=", fileId).execute();
}
