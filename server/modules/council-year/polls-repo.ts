import type { Ctx } from "../../platform/context.js";
import { preparedQuery } from "../../platform/db/prepared.js";
import { cachedRead, untilPassed } from "../../platform/db/versioned-cache.js";
import type { DatePollCandidatesTable, DatePollResponsesTable, DatePollsTable } from "./tables.js";

export type PollRow = DatePollsTable;
export type CandidateRow = DatePollCandidatesTable;
export type ResponseRow = DatePollResponsesTable;

export const findPollRow = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("date_polls").selectAll().where("id", "=", id).executeTakeFirst();

export const listPollRows = (ctx: Ctx, bodyIds: string[]): Promise<PollRow[]> =>
  bodyIds.length
    ? ctx.db
        .selectFrom("date_polls")
        .selectAll()
        .where("body_id", "in", bodyIds)
        .orderBy("created_at", "desc")
        .orderBy("id")
        .execute()
    : Promise.resolve([]);

export const listCandidateRows = (ctx: Ctx, pollId: string) =>
  ctx.db.selectFrom("date_poll_candidates").selectAll().where("poll_id", "=", pollId).orderBy("position").execute();

export const listResponseRows = (ctx: Ctx, pollIds: string[]): Promise<ResponseRow[]> =>
  pollIds.length
    ? ctx.db.selectFrom("date_poll_responses").selectAll().where("poll_id", "in", pollIds).execute()
    : Promise.resolve([]);

export async function insertPoll(ctx: Ctx, poll: PollRow, candidates: CandidateRow[]) {
  await ctx.db.insertInto("date_polls").values(poll).execute();
  await ctx.db.insertInto("date_poll_candidates").values(candidates).execute();
}

export async function updatePollRow(ctx: Ctx, id: string, patch: Partial<PollRow>) {
  await ctx.db.updateTable("date_polls").set(patch).where("id", "=", id).execute();
}

/** One answer per organisation: a second answer replaces the first. */
export async function upsertResponse(ctx: Ctx, row: ResponseRow) {
  await ctx.db
    .insertInto("date_poll_responses")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["poll_id", "org_id"]).doUpdateSet({
        choices: row.choices,
        comment: row.comment,
        answered_by: row.answered_by,
        answered_at: row.answered_at,
      }),
    )
    .execute();
}

/** Open polls closing by `until` that have not been reminded yet. */
export const pollsDueForReminder = (ctx: Ctx, until: string, now: string) =>
  ctx.db
    .selectFrom("date_polls")
    .selectAll()
    .where("status", "=", "open")
    .where("reminded_at", "is", null)
    .where("deadline", "<=", until)
    .where("deadline", ">", now)
    .execute();

/** Open polls of these bodies closing after `now` that an organisation has not answered (its home page's deadlines). */
const unansweredPolls = preparedQuery((db, f: { bodyIds: string[]; orgId: string; now: string }) =>
  db
    .selectFrom("date_polls as p")
    .leftJoin("date_poll_responses as r", (j) => j.onRef("r.poll_id", "=", "p.id").on("r.org_id", "=", f.orgId))
    .select(["p.id", "p.body_id", "p.title", "p.deadline"])
    .where("p.body_id", "in", f.bodyIds)
    .where("p.status", "=", "open")
    .where("p.deadline", ">", f.now)
    .where("r.poll_id", "is", null)
    .orderBy("p.deadline")
    .limit(50),
);
export const unansweredPollRows = (ctx: Ctx, bodyIds: string[], orgId: string, now: string) =>
  bodyIds.length
    ? cachedRead(
        ctx,
        ["date_polls", "date_poll_responses"],
        JSON.stringify([bodyIds, orgId]),
        () => unansweredPolls(ctx.db, ctx.engine, { bodyIds, orgId, now }),
        { personal: true, valid: untilPassed(now, (p) => p.deadline) },
      )
    : Promise.resolve([]);
