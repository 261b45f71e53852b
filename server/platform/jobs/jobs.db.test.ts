import { beforeAll, describe, expect, it } from "vitest";
import { engine, type TestEnv, testEnv } from "../testing/harness.js";
import { backoffMs, enqueue } from "./queue.js";
import { defineJob, startWorker } from "./worker.js";

let env: TestEnv;
const seen: { worker: string; n: number }[] = [];
let flakyCalls = 0;

defineJob("test.record", async (ctx, { n }: { n: number }) => {
  // A little real work so the two workers overlap.
  await ctx.db.selectFrom("orgs").select("id").limit(1).execute();
  seen.push({ worker: String(ctx.userAgent), n });
});
defineJob("test.flaky", async () => {
  flakyCalls++;
  if (flakyCalls < 3) throw new Error(`attempt ${flakyCalls} failed`);
});

beforeAll(async () => {
  env = await testEnv();
});

describe(`job queue on ${engine}`, () => {
  it("never runs a job twice when two workers share the queue", async () => {
    await env.database.db.transaction().execute(async (trx) => {
      for (let n = 0; n < 200; n++) await enqueue({ db: trx }, "test.record", { n });
    });
    const a = startWorker(env.database, env.config, env.app.log, { autoStart: false, id: "a" });
    const b = startWorker(env.database, env.config, env.app.log, { autoStart: false, id: "b" });
    const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(ra + rb).toBe(200);
    const ns = seen.map((s) => s.n).sort((x, y) => x - y);
    expect(ns).toEqual([...Array(200).keys()]);
    const byWorker = await env.database.db
      .selectFrom("jobs")
      .select(["locked_by", (eb) => eb.fn.countAll<number>().as("n")])
      .where("kind", "=", "test.record")
      .groupBy("locked_by")
      .execute();
    expect(byWorker.reduce((s, r) => s + Number(r.n), 0)).toBe(200);
    if (engine === "postgres") expect(byWorker.length).toBe(2); // both instances took a share
  });

  it("retries with backoff and records the last error", async () => {
    await enqueue(env.ctx, "test.flaky", {}, { maxAttempts: 5 });
    await env.worker.runOnce();
    const job = () => env.database.db.selectFrom("jobs").selectAll().where("kind", "=", "test.flaky").executeTakeFirstOrThrow();
    let j = await job();
    expect(j).toMatchObject({ status: "queued", attempts: 1, last_error: "attempt 1 failed" });
    expect(Date.parse(j.run_at)).toBeGreaterThan(Date.now() + backoffMs(1) - 5_000);
    for (let i = 0; i < 2; i++) {
      await env.database.db
        .updateTable("jobs")
        .set({ run_at: new Date(0).toISOString() })
        .where("kind", "=", "test.flaky")
        .execute();
      await env.worker.runOnce();
    }
    j = await job();
    expect(j.status).toBe("done");
    expect(j.attempts).toBe(3);
  });

  it("enqueues a job with a dedupe key only once", async () => {
    await enqueue(env.ctx, "test.record", { n: -1 }, { dedupeKey: "once", runAt: new Date(Date.now() + 3600_000) });
    await enqueue(env.ctx, "test.record", { n: -1 }, { dedupeKey: "once", runAt: new Date(Date.now() + 3600_000) });
    const rows = await env.database.db.selectFrom("jobs").select("id").where("dedupe_key", "=", "once").execute();
    expect(rows).toHaveLength(1);
  });
});
