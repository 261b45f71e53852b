import type { Ctx } from "../context.js";
import { enqueue } from "./queue.js";

interface Recurring {
  kind: string;
  /** The next run strictly after `now`, and a key naming that occurrence (dedupes across instances). */
  next: (now: Date) => { at: Date; key: string };
}

const recurring: Recurring[] = [];

/** Registers a job that repeats (daily digest, weekly summary, reminders sweep). */
export function defineRecurring(kind: string, next: Recurring["next"]): void {
  recurring.push({ kind, next });
}

/** Makes sure each recurring job has its next occurrence queued; safe to call from every instance. */
export async function scheduleRecurring(ctx: Pick<Ctx, "db">, now = new Date()): Promise<void> {
  for (const r of recurring) {
    const { at, key } = r.next(now);
    await enqueue(ctx, r.kind, { at: at.toISOString() }, { runAt: at, dedupeKey: `${r.kind}:${key}` });
  }
}

/** Kept for branches written before shared/dates/jst.ts, the home of Japan-time rules. */
export { nextJstTime } from "../../../shared/dates/jst.js";
