import { sql } from "kysely";
import type { Ctx } from "../../platform/context.js";
import type { Db } from "../../platform/db/database.js";
import { pageTotal } from "../../platform/db/page-total.js";
import { preparedQuery } from "../../platform/db/prepared.js";
import { cachedRead } from "../../platform/db/versioned-cache.js";
import type { ChallengeAttachmentsTable, ChallengeCommentsTable, ChallengeSharesTable, ChallengesTable } from "./tables.js";

export type ChallengeRow = ChallengesTable;
export type CommentRow = ChallengeCommentsTable;

export const findChallengeRow = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("challenges").selectAll().where("id", "=", id).executeTakeFirst();

export interface ChallengeFilter {
  status?: ChallengeRow["status"];
  theme?: string;
  bodyId?: string;
  /** Bodies the actor may see; challenges of other bodies are left out. */
  visibleBodies: string[];
  ids?: string[];
}

function filtered(db: Db, f: ChallengeFilter) {
  let q = db
    .selectFrom("challenges as c")
    .where((eb) => eb.or([eb("c.body_id", "is", null), eb("c.body_id", "in", [...f.visibleBodies, ""])]));
  if (f.status) q = q.where("c.status", "=", f.status);
  if (f.theme) q = q.where("c.theme", "=", f.theme);
  if (f.bodyId) q = q.where("c.body_id", "=", f.bodyId);
  if (f.ids) q = q.where("c.id", "in", f.ids);
  return q;
}

const countOf = (kind: "comment" | "solution") =>
  sql<number>`(SELECT COUNT(*) FROM challenge_comments cc WHERE cc.challenge_id = c.id AND cc.kind = ${kind})`;

type ChallengePage = ChallengeFilter & { orgId: string; sort: "shares" | "newest" | "updated"; limit: number; offset: number };

const listPage = preparedQuery(
  (db, f: ChallengePage) => {
    let q = filtered(db, f)
      .innerJoin("orgs as o", "o.id", "c.org_id")
      .leftJoin("bodies as b", "b.id", "c.body_id")
      .selectAll("c")
      .select(["o.name as org_name", "b.name as body_name"])
      .select((eb) => [
        countOf("comment").as("comment_count"),
        countOf("solution").as("solution_count"),
        eb
          .exists(
            eb
              .selectFrom("challenge_shares as s")
              .select("s.org_id")
              .whereRef("s.challenge_id", "=", "c.id")
              .where("s.org_id", "=", f.orgId),
          )
          .as("shared_by_me"),
      ]);
    if (f.sort === "shares") q = q.orderBy("c.share_count", "desc").orderBy("c.updated_at", "desc");
    else q = q.orderBy(f.sort === "newest" ? "c.created_at" : "c.updated_at", "desc");
    return q.orderBy("c.id").limit(f.limit).offset(f.offset);
  },
  { bound: ["offset"], literal: ["sort"] },
);

/** What a page of challenges reads. */
const listTables = ["challenges", "orgs", "bodies", "challenge_comments", "challenge_shares"];

/** A page of challenges with names, counts and whether the organisation shares each; kept while what it reads is unchanged. */
export async function listChallengeRows(
  ctx: Ctx,
  orgId: string,
  f: ChallengeFilter,
  page: { sort: "shares" | "newest" | "updated"; limit: number; offset: number },
) {
  return cachedRead(ctx, listTables, JSON.stringify([f, page, orgId]), async () => {
    const rows = await listPage(ctx.db, ctx.engine, { ...f, ...page, orgId });
    const total = await pageTotal(rows, page, () => filtered(ctx.db, f));
    return { rows, total };
  });
}
export type ChallengeListRow = Awaited<ReturnType<typeof listChallengeRows>>["rows"][number];

export const listShareRows = (ctx: Ctx, id: string) =>
  ctx.db
    .selectFrom("challenge_shares as s")
    .innerJoin("orgs as o", "o.id", "s.org_id")
    .select(["s.org_id", "s.note", "s.created_at", "o.name as org_name"])
    .where("s.challenge_id", "=", id)
    .orderBy("s.created_at")
    .execute();

export const listCommentRows = (ctx: Ctx, id: string) =>
  ctx.db
    .selectFrom("challenge_comments as cc")
    .innerJoin("users as u", "u.id", "cc.user_id")
    .innerJoin("orgs as o", "o.id", "cc.org_id")
    .selectAll("cc")
    .select(["u.name as user_name", "o.name as org_name"])
    .where("cc.challenge_id", "=", id)
    .orderBy("cc.created_at")
    .execute();

export const listChallengeAttachments = (ctx: Ctx, id: string) =>
  ctx.db
    .selectFrom("challenge_attachments as a")
    .innerJoin("files as f", "f.id", "a.file_id")
    .select(["a.id", "f.name", "f.mime", "f.size"])
    .where("a.challenge_id", "=", id)
    .orderBy("a.created_at")
    .execute();

export const findChallengeAttachment = (ctx: Ctx, challengeId: string, id: string) =>
  ctx.db
    .selectFrom("challenge_attachments as a")
    .innerJoin("files as f", "f.id", "a.file_id")
    .selectAll("f")
    .select("a.id as attachment_id")
    .where("a.challenge_id", "=", challengeId)
    .where("a.id", "=", id)
    .executeTakeFirst();

export async function insertChallengeAttachment(ctx: Ctx, row: ChallengeAttachmentsTable) {
  await ctx.db.insertInto("challenge_attachments").values(row).execute();
}
export async function deleteChallengeAttachment(ctx: Ctx, id: string) {
  await ctx.db.deleteFrom("challenge_attachments").where("id", "=", id).execute();
}

/** An organisation's "we have this too" on a challenge, if it has marked one. */
export const findShare = (ctx: Ctx, challengeId: string, orgId: string) =>
  ctx.db
    .selectFrom("challenge_shares")
    .select("created_at")
    .where("challenge_id", "=", challengeId)
    .where("org_id", "=", orgId)
    .executeTakeFirst();
export async function insertShare(ctx: Ctx, row: ChallengeSharesTable) {
  await ctx.db.insertInto("challenge_shares").values(row).execute();
}
/** Withdraws an organisation's mark; answers whether there was one. */
export async function deleteShare(ctx: Ctx, challengeId: string, orgId: string): Promise<boolean> {
  const res = await ctx.db
    .deleteFrom("challenge_shares")
    .where("challenge_id", "=", challengeId)
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export async function insertComment(ctx: Ctx, row: CommentRow) {
  await ctx.db.insertInto("challenge_comments").values(row).execute();
}
export const findComment = (ctx: Ctx, challengeId: string, id: string) =>
  ctx.db
    .selectFrom("challenge_comments")
    .selectAll()
    .where("id", "=", id)
    .where("challenge_id", "=", challengeId)
    .executeTakeFirst();
export async function deleteCommentRow(ctx: Ctx, id: string) {
  await ctx.db.deleteFrom("challenge_comments").where("id", "=", id).execute();
}

export async function insertChallenge(ctx: Ctx, row: ChallengeRow) {
  await ctx.db.insertInto("challenges").values(row).execute();
}
export async function updateChallengeRow(ctx: Ctx, id: string, patch: Partial<ChallengeRow>) {
  await ctx.db.updateTable("challenges").set(patch).where("id", "=", id).execute();
}
export async function deleteChallengeRow(ctx: Ctx, id: string) {
  for (const t of ["challenge_attachments", "challenge_comments", "challenge_shares"] as const)
    await ctx.db.deleteFrom(t).where("challenge_id", "=", id).execute();
  await ctx.db.deleteFrom("challenges").where("id", "=", id).execute();
}

/** Recounts the organisations sharing the challenge, in the same transaction as the change. */
export async function refreshShareCount(ctx: Ctx, id: string) {
  const { n } = await ctx.db
    .selectFrom("challenge_shares")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("challenge_id", "=", id)
    .executeTakeFirstOrThrow();
  await ctx.db
    .updateTable("challenges")
    .set({ share_count: Number(n) })
    .where("id", "=", id)
    .execute();
}

export const listThemes = (ctx: Ctx, visibleBodies: string[]) =>
  filtered(ctx.db, { visibleBodies })
    .select(["c.theme", (eb) => eb.fn.countAll<number>().as("count")])
    .where("c.theme", "is not", null)
    .groupBy("c.theme")
    .orderBy("count", "desc")
    .orderBy("c.theme")
    .execute();
