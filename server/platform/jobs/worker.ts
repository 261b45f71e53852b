import type { FastifyBaseLogger } from "fastify";
import type { Config } from "../../config.js";
import type { Ctx } from "../context.js";
import type { Database } from "../db/database.js";
import { claimJobs, failJob, finishJob } from "./queue.js";
import { scheduleRecurring } from "./recurring.js";

export type JobHandler = (ctx: Ctx, payload: any) => Promise<void>;

const handlers = new Map<string, JobHandler>();

/** Modules register the job kinds they handle at import time. */
export function defineJob(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
}

export interface Worker {
  /** Runs every due job once (tests call this instead of waiting for the timer). */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

export function startWorker(
  database: Database,
  config: Config,
  log: FastifyBaseLogger,
  opts: { id?: string; autoStart?: boolean } = {},
): Worker {
  const id = opts.id ?? `worker-${crypto.randomUUID().slice(0, 8)}`;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let stopped = false;

  async function runOnce(): Promise<number> {
    await scheduleRecurring({ db: database.db, config });
    let total = 0;
    for (;;) {
      const jobs = await claimJobs(database.db, database.engine, id, 10);
      if (!jobs.length) return total;
      for (const job of jobs) {
        const handler = handlers.get(job.kind);
        const ctx: Ctx = { db: database.db, engine: database.engine, config, actor: null, ip: null, userAgent: null };
        try {
          if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
          await handler(ctx, JSON.parse(job.payload));
          await finishJob(database.db, job.id);
        } catch (err) {
          log.warn({ err, job: job.id, kind: job.kind }, "job failed");
          await failJob(database.db, job, err instanceof Error ? err.message : String(err));
        }
        total++;
      }
    }
  }

  const tick = async () => {
    if (stopped) return;
    running = runOnce().catch((err) => {
      log.error({ err }, "job worker tick failed");
      return 0;
    });
    await running;
    running = null;
    if (!stopped) timer = setTimeout(tick, config.jobPollMs);
  };
  if (opts.autoStart !== false) timer = setTimeout(tick, 100);

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running;
    },
  };
}
