import { sql } from "kysely";
import type { Ctx } from "../../platform/context.js";
import { contains } from "../../platform/db/contains.js";
import type { FaqArticlesTable } from "./tables.js";

export type FaqRow = FaqArticlesTable;

const withReviewer = (ctx: Ctx) =>
  ctx.db
    .selectFrom("faq_articles as f")
    .leftJoin("users as r", "r.id", "f.reviewed_by")
    .selectAll("f")
    .select("r.name as reviewer_name");
export type FaqWithReviewer = FaqRow & { reviewer_name: string | null };

export const findArticle = (ctx: Ctx, id: string): Promise<FaqWithReviewer | undefined> =>
  withReviewer(ctx).where("f.id", "=", id).executeTakeFirst();

export async function listArticles(
  ctx: Ctx,
  f: { statuses: FaqRow["status"][]; category?: FaqRow["category"]; q?: string; limit: number; offset: number },
) {
  let q = withReviewer(ctx).where("f.status", "in", f.statuses);
  if (f.category) q = q.where("f.category", "=", f.category);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => eb.or([contains(ctx, "f.question", text), contains(ctx, "f.answer", text)]));
  }
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy("f.status")
    .orderBy("f.updated_at", "desc")
    .orderBy("f.id")
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { rows, total: Number(total.n) };
}

export async function insertArticle(ctx: Ctx, row: FaqRow) {
  await ctx.db.insertInto("faq_articles").values(row).execute();
}
export async function updateArticle(ctx: Ctx, id: string, patch: Partial<FaqRow>) {
  await ctx.db.updateTable("faq_articles").set(patch).where("id", "=", id).execute();
}
export async function deleteArticle(ctx: Ctx, id: string) {
  await ctx.db.deleteFrom("faq_articles").where("id", "=", id).execute();
}

/** How many articles are published and when the latest changed: the key of the suggestion cache. */
export const publishedStamp = (ctx: Ctx) =>
  ctx.db
    .selectFrom("faq_articles")
    .select([(eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.max("updated_at").as("latest")])
    .where("status", "=", "published")
    .executeTakeFirstOrThrow();

/** The published articles, newest first. */
export const publishedArticles = (ctx: Ctx) =>
  ctx.db
    .selectFrom("faq_articles")
    .select(["id", "question", "answer", "category"])
    .where("status", "=", "published")
    .orderBy(sql`published_at`, "desc")
    .execute();
