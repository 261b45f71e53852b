import type { Ctx } from "../../platform/context.js";

/** For the annual report (insight module): FAQ articles published from `from` (inclusive) to `to` (exclusive), ISO instants. */
export const faqPublishedBetween = (ctx: Ctx, from: string, to: string) =>
  ctx.db
    .selectFrom("faq_articles")
    .select(["category", "question", "published_at as publishedAt"])
    .where("status", "=", "published")
    .where("published_at", ">=", from)
    .where("published_at", "<", to)
    .orderBy("published_at")
    .orderBy("id")
    .execute();
