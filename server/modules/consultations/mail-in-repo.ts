import type { Ctx } from "../../platform/context.js";

/** Claims a Message-ID for this transaction; a second claim of the same ID fails on the primary key (see isDuplicateClaim). */
export async function claimMessageId(ctx: Ctx, messageId: string, userId: string, at: string): Promise<void> {
  await ctx.db
    .insertInto("consultation_mail_in")
    .values({ message_id: messageId, consultation_id: null, user_id: userId, created_at: at })
    .execute();
}

export async function setMailInConsultation(ctx: Ctx, messageId: string, consultationId: string): Promise<void> {
  await ctx.db
    .updateTable("consultation_mail_in")
    .set({ consultation_id: consultationId })
    .where("message_id", "=", messageId)
    .execute();
}

export const findMailIn = (ctx: Ctx, messageId: string) =>
  ctx.db.selectFrom("consultation_mail_in").selectAll().where("message_id", "=", messageId).executeTakeFirst();

/** The consultations earlier accepted mails (named by an answer's References) opened or answered. */
export async function consultationsOfMailIds(
  ctx: Ctx,
  messageIds: string[],
): Promise<{ message_id: string; consultation_id: string }[]> {
  if (!messageIds.length) return [];
  const rows = await ctx.db
    .selectFrom("consultation_mail_in")
    .select(["message_id", "consultation_id"])
    .where("message_id", "in", messageIds)
    .where("consultation_id", "is not", null)
    .execute();
  return rows.map((r) => ({ message_id: r.message_id, consultation_id: r.consultation_id! }));
}

/** A primary-key or unique violation on either engine (SQLite's constraint codes, PostgreSQL's 23505). */
export const isDuplicateClaim = (err: unknown): boolean => {
  const code = (err as { code?: string } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE";
};
