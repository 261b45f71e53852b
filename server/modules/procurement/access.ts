import type { Ctx } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { can } from "../../platform/policy/authorize.js";
import { bodyStandings } from "../bodies/index.js";
import type { ProjectSubject } from "./policy.js";
import "./policy.js";
import { findProjectRow, findScenarioRow, listParticipantRows, type ProjectRow } from "./repo.js";

/** Body ids in which the actor (or their organisation) currently holds a position. */
export async function memberBodies(ctx: Ctx): Promise<Set<string>> {
  return new Set((await bodyStandings(ctx)).filter((b) => b.subject.myPosition !== null).map((b) => b.row.id));
}

export function projectSubject(
  ctx: Ctx,
  row: Pick<ProjectRow, "body_id" | "table_open">,
  bodies: Set<string>,
  participantOrgs: string[],
): ProjectSubject {
  return {
    bodyMember: bodies.has(row.body_id),
    participant: !!ctx.actor && participantOrgs.includes(ctx.actor.orgId),
    tableOpen: row.table_open === 1,
  };
}

/** Loads a project the actor may see, or 404 (another body's project does not exist for them). */
export async function visibleProject(ctx: Ctx, id: string) {
  const row = await findProjectRow(ctx, id);
  if (!row) throw notFound("共同調達事業");
  const participants = await listParticipantRows(ctx, id);
  const subject = projectSubject(
    ctx,
    row,
    await memberBodies(ctx),
    participants.map((p) => p.org_id),
  );
  if (!can(ctx.actor, "procurement.read", subject)) throw notFound("共同調達事業");
  return { row, participants, subject };
}

/** Loads a scenario of a project the actor may see, or 404. */
export async function visibleScenario(ctx: Ctx, id: string) {
  const scenario = await findScenarioRow(ctx, id);
  if (!scenario) throw notFound("按分案");
  return { scenario, ...(await visibleProject(ctx, scenario.project_id)) };
}
