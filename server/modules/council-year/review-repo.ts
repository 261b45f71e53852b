import type { Ctx } from "../../platform/context.js";
import { preparedQuery } from "../../platform/db/prepared.js";
import { cachedRead, untilPassed } from "../../platform/db/versioned-cache.js";
import type { MinutesPassagesTable, MinutesReviewAnswersTable, MinutesReviewsTable, MinutesSuggestionsTable } from "./tables.js";

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
const openReviews = preparedQuery((db, p: { now: string }) =>
  db
    .selectFrom("minutes_reviews as r")
    .innerJoin("meetings as m", "m.id", "r.meeting_id")
    .select(["r.id", "r.meeting_id", "r.deadline", "r.org_ids", "m.body_id", "m.fiscal_year", "m.seq", "m.subtitle"])
    .where("r.status", "=", "open")
    .where("r.deadline", ">", p.now)
    .orderBy("r.deadline")
    .limit(50),
);
export const openReviewRows = (ctx: Ctx, now: string) =>
  cachedRead(ctx, ["minutes_reviews", "meetings"], "open", () => openReviews(ctx.db, ctx.engine, { now }), {
    valid: untilPassed(now, (r) => r.deadline),
  });

/** The organisations that have finished a review, with who answered. */
export const listAnswerRows = (ctx: Ctx, reviewId: string) =>
  ctx.db
    .selectFrom("minutes_review_answers as a")
    .innerJoin("users as u", "u.id", "a.user_id")
    .selectAll("a")
    .select("u.name as user_name")
    .where("a.review_id", "=", reviewId)
    .execute();

export async function insertAnswer(ctx: Ctx, row: MinutesReviewAnswersTable) {
  await ctx.db.insertInto("minutes_review_answers").values(row).execute();
}

/** Of these reviews, the ones this organisation has answered. */
export const answeredReviewIds = async (ctx: Ctx, orgId: string, reviewIds: string[]) =>
  reviewIds.length
    ? cachedRead(
        ctx,
        ["minutes_review_answers"],
        JSON.stringify([orgId, reviewIds]),
        async () =>
          (
            await ctx.db
              .selectFrom("minutes_review_answers")
              .select("review_id")
              .where("org_id", "=", orgId)
              .where("review_id", "in", reviewIds)
              .execute()
          ).map((r) => r.review_id),
        { personal: true },
      )
    : [];

/** The latest reminder per organisation of a review (by the reminded people's organisation). */
export const lastRemindedByOrg = async (ctx: Ctx, reviewId: string) =>
  new Map(
    (
      await ctx.db
        .selectFrom("minutes_review_reminders as r")
        .innerJoin("users as u", "u.id", "r.user_id")
        .select(["u.org_id", (eb) => eb.fn.max("r.sent_at").as("sent_at")])
        .where("r.review_id", "=", reviewId)
        .groupBy("u.org_id")
        .execute()
    ).map((r) => [r.org_id, r.sent_at as string]),
  );

/** Open reviews whose deadline falls in (now, until], with their meeting's naming fields and body name. */
export const reviewsDueForReminder = (ctx: Ctx, now: string, until: string) =>
  ctx.db
    .selectFrom("minutes_reviews as r")
    .innerJoin("meetings as m", "m.id", "r.meeting_id")
    .innerJoin("bodies as b", "b.id", "m.body_id")
    .select(["r.id", "r.meeting_id", "r.deadline", "r.org_ids", "m.starts_at", "m.fiscal_year", "m.seq", "m.subtitle"])
    .select("b.name as body_name")
    .where("r.status", "=", "open")
    .where("r.deadline", ">", now)
    .where("r.deadline", "<=", until)
    .orderBy("r.deadline")
    .execute();

/** Active people of these organisations not yet reminded of this review. */
export async function unremindedReviewUserIds(ctx: Ctx, reviewId: string, orgIds: string[]) {
  if (!orgIds.length) return [];
  const rows = await ctx.db
    .selectFrom("users as u")
    .leftJoin("minutes_review_reminders as r", (j) => j.onRef("r.user_id", "=", "u.id").on("r.review_id", "=", reviewId))
    .select("u.id")
    .where("u.status", "=", "active")
    .where("r.user_id", "is", null)
    .where("u.org_id", "in", orgIds)
    .orderBy("u.id")
    .execute();
  return rows.map((r) => r.id);
}

export async function insertReviewReminders(ctx: Ctx, reviewId: string, userIds: string[], sentAt: string) {
  if (!userIds.length) return;
  await ctx.db
    .insertInto("minutes_review_reminders")
    .values(userIds.map((user_id) => ({ review_id: reviewId, user_id, sent_at: sentAt })))
    .execute();
}
