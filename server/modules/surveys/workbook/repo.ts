import type { WorkbookLayout } from "../../../../shared/api/relay.js";
import type { Ctx } from "../../../platform/context.js";
import type { SurveyRelaysTable } from "../tables.js";

/** The survey_workbooks table (migration 0750) and the answers the write-back needs. */
export async function insertWorkbook(
  ctx: Ctx,
  row: { survey_id: string; file_id: string; layout: WorkbookLayout; created_by: string | null; created_at: string },
) {
  await ctx.db
    .insertInto("survey_workbooks")
    .values({ ...row, layout: JSON.stringify(row.layout) })
    .execute();
}

export async function findWorkbook(ctx: Ctx, surveyId: string) {
  const row = await ctx.db
    .selectFrom("survey_workbooks")
    .innerJoin("files", "files.id", "survey_workbooks.file_id")
    .select(["survey_workbooks.survey_id", "survey_workbooks.layout", "files.id as file_id", "files.name", "files.sha256"])
    .where("survey_workbooks.survey_id", "=", surveyId)
    .executeTakeFirst();
  return row ? { ...row, layout: JSON.parse(row.layout) as WorkbookLayout } : undefined;
}

/** Answers in the given states, with their organisation's name (for file names). */
export function answersForWriteBack(ctx: Ctx, surveyId: string, statuses: ("draft" | "submitted" | "returned")[]) {
  return ctx.db
    .selectFrom("survey_answers")
    .innerJoin("orgs", "orgs.id", "survey_answers.org_id")
    .select(["survey_answers.org_id", "survey_answers.data", "survey_answers.status", "orgs.name"])
    .where("survey_answers.survey_id", "=", surveyId)
    .where("survey_answers.status", "in", statuses)
    .execute();
}

export const findRelay = (ctx: Ctx, surveyId: string) =>
  ctx.db.selectFrom("survey_relays").selectAll().where("survey_id", "=", surveyId).executeTakeFirst();

export async function upsertRelay(ctx: Ctx, row: SurveyRelaysTable) {
  const { ministry, document_number, national_deadline, contact, updated_at } = row;
  await ctx.db
    .insertInto("survey_relays")
    .values(row)
    .onConflict((oc) => oc.column("survey_id").doUpdateSet({ ministry, document_number, national_deadline, contact, updated_at }))
    .execute();
}

/** The relayed surveys of one fiscal year, by national deadline. */
export const listRelayRows = (ctx: Ctx, fiscalYear: number) =>
  ctx.db
    .selectFrom("survey_relays")
    .innerJoin("surveys", "surveys.id", "survey_relays.survey_id")
    .selectAll("survey_relays")
    .select(["surveys.title"])
    .where("survey_relays.fiscal_year", "=", fiscalYear)
    .orderBy("survey_relays.national_deadline")
    .orderBy("surveys.created_at")
    .execute();
