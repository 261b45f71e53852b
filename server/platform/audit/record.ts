import { sql } from "kysely";
import { type Ctx, inTx, newId, nowIso } from "../context.js";
import type { AuditLogTable } from "../db/schema.js";
import { auditHash } from "./chain.js";

export type AuditRow = Omit<AuditLogTable, "seq" | "prev_hash" | "hash">;

/**
 * Every audit event name (`<entity>.<verb>`). Each module adds its own next to its policy
 * (`declare module "…/platform/audit/record.js" { interface AuditEvents extends Record<…, true> {} }`),
 * so `recordAudit` refuses an unknown name at compile time (tsc).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the modules through declaration merging
export interface AuditEvents {}
export type AuditEvent = keyof AuditEvents;

/** One advisory lock for the chain's end: concurrent transactions on PostgreSQL append one after another. */
const CHAIN_LOCK = 0x72656e6b6569;
/** Parameters per statement, under SQLite's and PostgreSQL's limits (13 columns a row). */
const ROWS_PER_INSERT = 2000;

/**
 * Writes one audit row. Call it inside the mutation's transaction (`inTx`) so the row
 * and the change land together or not at all. Events are `<entity>.<verb>`.
 */
export async function recordAudit(
  ctx: Ctx,
  event: AuditEvent,
  subject: { type: string; id: string | null },
  changes?: Record<string, unknown>,
): Promise<void> {
  await appendAudit(ctx, [
    {
      id: newId(),
      at: nowIso(),
      actor_user_id: ctx.actor?.userId ?? null,
      actor_org_id: ctx.actor?.orgId ?? null,
      ip: ctx.ip,
      user_agent: ctx.userAgent,
      event,
      subject_type: subject.type,
      subject_id: subject.id,
      changes: changes ? JSON.stringify(changes) : null,
    },
  ]);
}

/**
 * Appends rows to the audit chain (see chain.ts) in ctx's transaction: each gets the next sequence
 * number and the previous row's hash. The chain's end is read under a lock held until commit
 * (PostgreSQL: a transaction advisory lock; SQLite has one writer), so simultaneous transactions
 * still form one chain; the unique `seq` index refuses a fork if anything bypassed the lock.
 * Rows can never be updated or deleted afterwards (database triggers refuse it).
 */
export async function appendAudit(ctx: Ctx, rows: AuditRow[]): Promise<void> {
  if (!rows.length) return;
  await inTx(ctx, async (tx) => {
    if (tx.engine === "postgres") await sql`select pg_advisory_xact_lock(${sql.lit(CHAIN_LOCK)})`.execute(tx.db);
    const head = await tx.db
      .selectFrom("audit_log")
      .select(["seq", "hash"])
      .where("seq", "=", (eb) => eb.selectFrom("audit_log").select((e) => e.fn.max("seq").as("m")))
      .executeTakeFirst();
    let seq = Number(head?.seq ?? 0);
    let prev = head?.hash ?? null;
    const chained = rows.map((r) => {
      const row = { ...r, seq: ++seq, prev_hash: prev };
      prev = auditHash(row);
      return { ...row, hash: prev };
    });
    for (let i = 0; i < chained.length; i += ROWS_PER_INSERT)
      await tx.db
        .insertInto("audit_log")
        .values(chained.slice(i, i + ROWS_PER_INSERT))
        .execute();
  });
}

/** The fields of `after` that differ from `before`, as { field: [before, after] }. */
export function diff<T extends object>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  const b = before as Record<string, unknown>;
  for (const [k, v] of Object.entries(after)) {
    if (v !== undefined && b[k] !== v) out[k] = [b[k], v];
  }
  return out;
}
