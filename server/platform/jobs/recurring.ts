import type { Config } from "../../config.js";
import type { Ctx } from "../context.js";
import { enqueue } from "./queue.js";

interface Recurring {
  kind: string;
  /** The next run strictly after `now`, and a key naming that occurrence (dedupes across instances); null: not scheduled with this configuration. */
  next: (now: Date, config: Config) => { at: Date; key: string } | null;
}

const recurring: Recurring[] = [];

/** Registers a job that repeats (daily digest, weekly summary, reminders sweep). */
export function defineRecurring(kind: string, next: Recurring["next"]): void {
  recurring.push({ kind, next });
}

/** The occurrences this process has queued, per database: each is inserted once, not at every poll. */
const queued = new WeakMap<object, Set<string>>();

/**
 * Makes sure each recurring job has its next occurrence queued; safe to call from every instance (the
 * occurrence's key dedupes). An occurrence this process has already queued is not inserted again: a poll
 * that writes nothing leaves the change mark (Database.changeMark) alone, so sessions stay in memory.
 */
export async function scheduleRecurring(ctx: Pick<Ctx, "db" | "config">, now = new Date()): Promise<void> {
  let done = queued.get(ctx.db);
  if (!done || done.size > 1000) {
    done = new Set();
    queued.set(ctx.db, done);
  }
  for (const r of recurring) {
    const next = r.next(now, ctx.config);
    if (!next) continue;
    const { at, key } = next;
    const dedupeKey = `${r.kind}:${key}`;
    if (done.has(dedupeKey)) continue;
    await enqueue(ctx, r.kind, { at: at.toISOString() }, { runAt: at, dedupeKey });
    done.add(dedupeKey);
  }
}
