import { sql } from "kysely";
import type { Ctx } from "../context.js";
import { newId, nowIso } from "../context.js";
import type { Db, Engine, Tx } from "../db/database.js";
import type { JobsTable } from "../db/schema.js";

export interface EnqueueOptions {
  runAt?: Date;
  /** A job with the same key is enqueued only once (e.g. "digest:2026-11-24"). */
  dedupeKey?: string;
  maxAttempts?: number;
}

/** Adds a job in the caller's transaction, so it exists exactly when the change that wanted it does. */
export async function enqueue(ctx: Pick<Ctx, "db">, kind: string, payload: unknown, opts: EnqueueOptions = {}) {
  const now = nowIso();
  await ctx.db
    .insertInto("jobs")
    .values({
      id: newId(),
      kind,
      payload: JSON.stringify(payload ?? {}),
      dedupe_key: opts.dedupeKey ?? null,
      status: "queued",
      run_at: (opts.runAt ?? new Date()).toISOString(),
      attempts: 0,
      max_attempts: opts.maxAttempts ?? 5,
      locked_by: null,
      locked_at: null,
      last_error: null,
      created_at: now,
      finished_at: null,
    })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .execute();
}

/**
 * Claims up to `limit` due jobs for one worker. On PostgreSQL the inner SELECT uses
 * FOR UPDATE SKIP LOCKED, so two instances never claim the same job; SQLite has one writer anyway.
 * A poll that finds nothing due (most polls) is one read outside any transaction: a transaction's COMMIT
 * counts as a possible write for the change mark (Database.changeMark), and a poll every two seconds
 * would make every instance read its sessions afresh as often.
 */
export async function claimJobs(db: Db, engine: Engine, workerId: string, limit: number): Promise<JobsTable[]> {
  const now = nowIso();
  const due = (q: Db | Tx, n: number) =>
    q.selectFrom("jobs").select("id").where("status", "=", "queued").where("run_at", "<=", now).orderBy("run_at").limit(n);
  if (!(await due(db, 1).executeTakeFirst())) return [];
  return db.transaction().execute(async (trx) => {
    const claim = engine === "postgres" ? due(trx, limit).forUpdate().skipLocked() : due(trx, limit);
    const ids = (await claim.execute()).map((r) => r.id);
    if (!ids.length) return [];
    return trx
      .updateTable("jobs")
      .set({ status: "running", locked_by: workerId, locked_at: now, attempts: sql`attempts + 1` })
      .where("id", "in", ids)
      .where("status", "=", "queued")
      .returningAll()
      .execute();
  });
}

/** Exponential backoff: 30 s, 1 min, 2 min, … capped at one hour. */
export const backoffMs = (attempts: number) => Math.min(3600_000, 30_000 * 2 ** Math.max(0, attempts - 1));

export async function finishJob(db: Db, id: string): Promise<void> {
  await db.updateTable("jobs").set({ status: "done", finished_at: nowIso() }).where("id", "=", id).execute();
}

export async function failJob(db: Db, job: JobsTable, error: string): Promise<void> {
  const final = job.attempts >= job.max_attempts;
  await db
    .updateTable("jobs")
    .set({
      status: final ? "failed" : "queued",
      last_error: error.slice(0, 2000),
      locked_by: null,
      run_at: final ? job.run_at : new Date(Date.now() + backoffMs(job.attempts)).toISOString(),
      finished_at: final ? nowIso() : null,
    })
    .where("id", "=", job.id)
    .execute();
}
