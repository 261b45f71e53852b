import { nowIso } from "../context.js";
import type { Db } from "../db/database.js";

export interface QueueStats {
  /** Jobs waiting whose time has come (due), and all waiting (including later runs). */
  due: number;
  queued: number;
  /** Seconds since the oldest due job became due (0 when none waits). */
  oldestDueSeconds: number;
  running: number;
  /** Waiting again after a failed attempt. */
  retrying: number;
  failed: number;
  /** Mail waiting to be sent, and mail given up on. */
  mailPending: number;
  mailFailed: number;
}

/** The job queue and the mail outbox at a glance, for /metrics (a few indexed counts). */
export async function queueStats(db: Db): Promise<QueueStats> {
  const now = nowIso();
  const [jobs, due, mail] = await Promise.all([
    db
      .selectFrom("jobs")
      .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
      .where("status", "in", ["queued", "running", "failed"])
      .groupBy("status")
      .execute(),
    db
      .selectFrom("jobs")
      .select((eb) => [
        eb.fn.countAll<number>().as("n"),
        eb.fn.min("run_at").as("oldest"),
        eb.fn.sum<number>(eb.case().when("attempts", ">", 0).then(1).else(0).end()).as("retrying"),
      ])
      .where("status", "=", "queued")
      .where("run_at", "<=", now)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("mail_outbox")
      .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
      .where("status", "in", ["pending", "failed"])
      .groupBy("status")
      .execute(),
  ]);
  const count = (rows: { status: string; n: number | string }[], s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return {
    due: Number(due.n),
    queued: count(jobs, "queued"),
    oldestDueSeconds: due.oldest ? Math.max(0, (Date.parse(now) - Date.parse(String(due.oldest))) / 1000) : 0,
    running: count(jobs, "running"),
    retrying: Number(due.retrying ?? 0),
    failed: count(jobs, "failed"),
    mailPending: count(mail, "pending"),
    mailFailed: count(mail, "failed"),
  };
}
