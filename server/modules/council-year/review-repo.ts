import type { Ctx } from "../../platform/context.js";
import type { MinutesPassagesTable, MinutesReviewsTable, MinutesSuggestionsTable } from "./tables.js";

export type ReviewRow = MinutesReviewsTable;
export type PassageRow = MinutesPassagesTable;
export type SuggestionRow = MinutesSuggestionsTable;

export const listReviewRows = (ctx: Ctx, meetingId: string): Promise<ReviewRow[]> =>
  ctx.db.selectFrom("minutes_reviews").selectAll().where("meeting_id", "=", meetingId).orderBy("created_at", "desc").execute();

export const findReviewRow = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("minutes_reviews").selectAll().where("id", "=", id).executeTakeFirst();

export const listPassageRows = (ctx: Ctx, reviewId: string) =>
  ctx.db.selectFrom("minutes_passages").selectAll().where("review_id", "=", reviewId).orderBy("position").execute();

export const listSuggestionRows = (ctx: Ctx, reviewId: string) =>
  ctx.db
    .selectFrom("minutes_suggestions as s")
    .innerJoin("orgs as o", "o.id", "s.org_id")
    .innerJoin("users as u", "u.id", "s.user_id")
    .selectAll("s")
    .select(["o.name as org_name", "u.name as user_name"])
    .where("s.review_id", "=", reviewId)
    .orderBy("s.created_at")
    .orderBy("s.id")
    .execute();

export const findSuggestionRow = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("minutes_suggestions").selectAll().where("id", "=", id).executeTakeFirst();

export const orgNames = (ctx: Ctx, ids: string[]) =>
  ids.length ? ctx.db.selectFrom("orgs").select(["id", "name"]).where("id", "in", ids).execute() : Promise.resolve([]);

export async function insertReview(ctx: Ctx, review: ReviewRow, passages: PassageRow[]) {
  await ctx.db.insertInto("minutes_reviews").values(review).execute();
  if (passages.length) await ctx.db.insertInto("minutes_passages").values(passages).execute();
}
export async function updateReviewRow(ctx: Ctx, id: string, patch: Partial<ReviewRow>) {
  await ctx.db.updateTable("minutes_reviews").set(patch).where("id", "=", id).execute();
}
export async function insertSuggestion(ctx: Ctx, row: SuggestionRow) {
  await ctx.db.insertInto("minutes_suggestions").values(row).execute();
}
export async function updateSuggestionRow(ctx: Ctx, id: string, patch: Partial<SuggestionRow>) {
  await ctx.db.updateTable("minutes_suggestions").set(patch).where("id", "=", id).execute();
}
export async function updatePassageText(ctx: Ctx, id: string, text: string) {
  await ctx.db.updateTable("minutes_passages").set({ text }).where("id", "=", id).execute();
}

/** Minutes reviews still taking suggestions (open, deadline after `now`), with their meeting's naming fields. */
export const openReviewRows = (ctx: Ctx, now: string) =>
  ctx.db
    .selectFrom("minutes_reviews as r")
    .innerJoin("meetings as m", "m.id", "r.meeting_id")
    .select(["r.id", "r.meeting_id", "r.deadline", "r.org_ids", "m.body_id", "m.fiscal_year", "m.seq", "m.subtitle"])
    .where("r.status", "=", "open")
    .where("r.deadline", ">", now)
    .orderBy("r.deadline")
    .limit(50)
    .execute();
