import { sql } from "kysely";
import type { Ctx } from "../../platform/context.js";

/** The reads and marks of the progress reminders and the weekly summary (jobs.ts). */

/** A planned step date that passed without completion, not yet reminded about. */
export function overdueSteps(ctx: Ctx, today: string) {
  return ctx.db
    .selectFrom("progress_step_states as s")
    .innerJoin("progress_records as r", "r.id", "s.record_id")
    .innerJoin("progress_items as i", "i.id", "r.item_id")
    .innerJoin("progress_programmes as p", "p.id", "i.programme_id")
    .innerJoin("progress_steps as st", "st.id", "s.step_id")
    .select([
      "r.org_id",
      "s.record_id",
      "s.step_id",
      "s.planned_date",
      "i.name as item",
      "st.name as step",
      "p.name as programme",
    ])
    .where("s.status", "in", ["not_started", "in_progress"])
    .where("s.planned_date", "<", today)
    .where((eb) => eb.or([eb("s.reminded_for", "is", null), eb("s.reminded_for", "<>", eb.ref("s.planned_date"))]))
    .where("i.archived", "=", 0)
    .where("p.archived", "=", 0)
    .where("st.archived", "=", 0)
    .orderBy("r.org_id")
    .orderBy("s.planned_date")
    .execute();
}

/** Marks a step as reminded for its current planned date. */
export async function markReminded(ctx: Ctx, recordId: string, stepId: string) {
  await ctx.db
    .updateTable("progress_step_states")
    .set({ reminded_for: sql`planned_date` })
    .where("record_id", "=", recordId)
    .where("step_id", "=", stepId)
    .execute();
}

/** The history written by people (not definition changes) in [since, until), per programme and municipality. */
export function changesBetween(ctx: Ctx, since: string, until: string) {
  return ctx.db
    .selectFrom("progress_history as h")
    .innerJoin("progress_records as r", "r.id", "h.record_id")
    .innerJoin("orgs as o", "o.id", "r.org_id")
    .innerJoin("progress_programmes as p", "p.id", "r.programme_id")
    .innerJoin("progress_items as i", "i.id", "r.item_id")
    .select(["p.name as programme", "o.name as org", "i.name as item", "h.changes", "h.source"])
    .where("h.at", ">=", since)
    .where("h.at", "<", until)
    .where("h.source", "<>", "definition")
    .orderBy("p.sort_order")
    .orderBy("o.lg_code")
    .execute();
}

/** The active secretariat accounts (who receive the weekly summary). */
export function activeSecretariat(ctx: Ctx) {
  return ctx.db.selectFrom("users").select("id").where("role", "=", "secretariat").where("status", "=", "active").execute();
}
