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

/** Makes sure each recurring job has its next occurrence queued; safe to call from every instance. */
export async function scheduleRecurring(ctx: Pick<Ctx, "db" | "config">, now = new Date()): Promise<void> {
  for (const r of recurring) {
    const next = r.next(now, ctx.config);
    if (!next) continue;
    const { at, key } = next;
    await enqueue(ctx, r.kind, { at: at.toISOString() }, { runAt: at, dedupeKey: `${r.kind}:${key}` });
  }
}
