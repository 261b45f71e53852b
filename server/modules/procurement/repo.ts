import type { Ctx } from "../../platform/context.js";
import type {
  ProcurementParticipantsTable,
  ProcurementPhasesTable,
  ProcurementProjectsTable,
  ProcurementScenariosTable,
} from "./tables.js";

export type ProjectRow = ProcurementProjectsTable;
export type ScenarioRow = ProcurementScenariosTable;
export type ParticipantRow = ProcurementParticipantsTable & {
  org_name: string;
  lg_code: string | null;
  org_kind: string;
  population: number | null;
};

export const listProjectRows = (ctx: Ctx) =>
  ctx.db
    .selectFrom("procurement_projects as p")
    .innerJoin("bodies as b", "b.id", "p.body_id")
    .selectAll("p")
    .select("b.name as body_name")
    .select((eb) =>
      eb
        .selectFrom("procurement_participants as pp")
        .whereRef("pp.project_id", "=", "p.id")
        .select((e) => e.fn.countAll<number>().as("n"))
        .as("participant_count"),
    )
    .orderBy("p.fiscal_year_from", "desc")
    .orderBy("p.name")
    .execute();

export const findProjectRow = (ctx: Ctx, id: string) =>
  ctx.db
    .selectFrom("procurement_projects as p")
    .innerJoin("bodies as b", "b.id", "p.body_id")
    .selectAll("p")
    .select("b.name as body_name")
    .where("p.id", "=", id)
    .executeTakeFirst();

export async function insertProject(ctx: Ctx, row: ProjectRow) {
  await ctx.db.insertInto("procurement_projects").values(row).execute();
}

export async function updateProjectRow(ctx: Ctx, id: string, patch: Partial<ProjectRow>) {
  await ctx.db.updateTable("procurement_projects").set(patch).where("id", "=", id).execute();
}

export const listParticipantRows = (ctx: Ctx, projectId: string): Promise<ParticipantRow[]> =>
  ctx.db
    .selectFrom("procurement_participants as pp")
    .innerJoin("orgs as o", "o.id", "pp.org_id")
    .selectAll("pp")
    .select(["o.name as org_name", "o.lg_code", "o.kind as org_kind", "o.population"])
    .where("pp.project_id", "=", projectId)
    .orderBy((eb) => eb.case().when("o.kind", "=", "prefecture").then(0).else(1).end())
    .orderBy("o.lg_code")
    .orderBy("o.name")
    .execute();

export const findOrgsByIds = (ctx: Ctx, ids: string[]) =>
  ids.length
    ? ctx.db.selectFrom("orgs").select(["id", "name", "kind", "lg_code", "population"]).where("id", "in", ids).execute()
    : Promise.resolve([]);

export async function replaceParticipants(ctx: Ctx, projectId: string, rows: ProcurementParticipantsTable[]) {
  await ctx.db.deleteFrom("procurement_participants").where("project_id", "=", projectId).execute();
  for (let i = 0; i < rows.length; i += 500)
    await ctx.db
      .insertInto("procurement_participants")
      .values(rows.slice(i, i + 500))
      .execute();
}

export const listPhaseRows = (ctx: Ctx, projectId: string) =>
  ctx.db.selectFrom("procurement_phases").selectAll().where("project_id", "=", projectId).orderBy("position").execute();

export async function replacePhases(ctx: Ctx, projectId: string, rows: ProcurementPhasesTable[]) {
  await ctx.db.deleteFrom("procurement_phases").where("project_id", "=", projectId).execute();
  if (rows.length) await ctx.db.insertInto("procurement_phases").values(rows).execute();
}

export const listProjectMeetings = (ctx: Ctx, projectId: string) =>
  ctx.db
    .selectFrom("procurement_meetings as pm")
    .innerJoin("meetings as m", "m.id", "pm.meeting_id")
    .select(["m.id", "m.fiscal_year", "m.seq", "m.subtitle", "m.starts_at"])
    .where("pm.project_id", "=", projectId)
    .orderBy("m.starts_at")
    .execute();

export const findMeetingsOfBody = (ctx: Ctx, bodyId: string, ids: string[]) =>
  ids.length
    ? ctx.db.selectFrom("meetings").select("id").where("body_id", "=", bodyId).where("id", "in", ids).execute()
    : Promise.resolve([]);

export async function replaceMeetings(ctx: Ctx, projectId: string, meetingIds: string[]) {
  await ctx.db.deleteFrom("procurement_meetings").where("project_id", "=", projectId).execute();
  if (meetingIds.length)
    await ctx.db
      .insertInto("procurement_meetings")
      .values(meetingIds.map((meeting_id) => ({ project_id: projectId, meeting_id })))
      .execute();
}

export const listScenarioRows = (ctx: Ctx, projectId: string) =>
  ctx.db
    .selectFrom("procurement_scenarios")
    .selectAll()
    .where("project_id", "=", projectId)
    .orderBy("fiscal_year", "desc")
    .orderBy("version")
    .execute();

export const findScenarioRow = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("procurement_scenarios").selectAll().where("id", "=", id).executeTakeFirst();

export async function nextScenarioVersion(ctx: Ctx, projectId: string, fiscalYear: number) {
  const row = await ctx.db
    .selectFrom("procurement_scenarios")
    .select((eb) => eb.fn.max("version").as("v"))
    .where("project_id", "=", projectId)
    .where("fiscal_year", "=", fiscalYear)
    .executeTakeFirst();
  return Number(row?.v ?? 0) + 1;
}

export async function insertScenario(ctx: Ctx, row: ScenarioRow) {
  await ctx.db.insertInto("procurement_scenarios").values(row).execute();
}

/** Drafts only: the database refuses any change to a frozen scenario. */
export async function updateDraftScenario(ctx: Ctx, id: string, patch: Partial<ScenarioRow>) {
  const res = await ctx.db
    .updateTable("procurement_scenarios")
    .set(patch)
    .where("id", "=", id)
    .where("status", "=", "draft")
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Every frozen scenario with its project (the summary across projects keeps the agreed ones). */
export const listFrozenScenarios = (ctx: Ctx, projectIds: string[]) =>
  projectIds.length
    ? ctx.db
        .selectFrom("procurement_scenarios as s")
        .innerJoin("procurement_projects as p", "p.id", "s.project_id")
        .selectAll("s")
        .select("p.name as project_name")
        .where("s.status", "=", "frozen")
        .where("s.project_id", "in", projectIds)
        .orderBy("s.fiscal_year")
        .orderBy("p.name")
        .execute()
    : Promise.resolve([]);

export const userNames = async (ctx: Ctx, ids: string[]) =>
  new Map(
    (ids.length ? await ctx.db.selectFrom("users").select(["id", "name"]).where("id", "in", ids).execute() : []).map((u) => [
      u.id,
      u.name,
    ]),
  );
