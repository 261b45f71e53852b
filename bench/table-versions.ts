/**
 * bench:table-versions — what the cache counters of migration 0950 cost writes. Every write to a
 * table a cached list reads also raises that table's counter (a trigger: per statement on PostgreSQL,
 * per row on SQLite); on PostgreSQL raising a counter also notifies the instances' listeners (migration
 * 1000). Measured on the demo council with every trigger, on PostgreSQL again without the notification,
 * and again without the counters:
 *  - single-row updates of a consultation, each in its own transaction (a clerk's save);
 *  - inserts of 500 rows in one statement (as publishing a survey to many organisations does), here
 *    consultation pauses.
 *   npm run bench:table-versions            (N=2000 updates, 20 batches of 500)
 * SQLite, then PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL names a server.
 */
import { sql } from "kysely";
import { seedDemoContent } from "../server/modules/demo/content.js";
import { newId, nowIso } from "../server/platform/context.js";
import type { Db } from "../server/platform/db/database.js";
import { onEachEngine, openBenchDatabase } from "./support.js";

const N = Number(process.env.N ?? 2000);
const BATCHES = Number(process.env.BATCHES ?? 20);

async function measure(db: Db, consultationId: string) {
  let t = performance.now();
  for (let i = 0; i < N; i++)
    await db.transaction().execute((tx) =>
      tx
        .updateTable("consultations")
        .set({ subject: `件名 ${i}` })
        .where("id", "=", consultationId)
        .execute(),
    );
  const update = ((performance.now() - t) * 1000) / N;
  t = performance.now();
  for (let b = 0; b < BATCHES; b++) {
    const rows = Array.from({ length: 500 }, () => ({
      id: newId(),
      consultation_id: consultationId,
      reason: "waiting" as const,
      started_at: nowIso(),
      ended_at: nowIso(),
    }));
    await db.insertInto("consultation_pauses").values(rows).execute();
  }
  const insert = ((performance.now() - t) * 1000) / (BATCHES * 500);
  return { update, insert };
}

async function dropTriggers(db: Db, engine: "SQLite" | "PostgreSQL") {
  for (const t of ["consultations", "consultation_pauses"]) {
    if (engine === "PostgreSQL") await sql.raw(`DROP TRIGGER ${t}_table_version ON ${t}`).execute(db);
    else for (const op of ["insert", "update", "delete"]) await sql.raw(`DROP TRIGGER ${t}_table_${op}`).execute(db);
  }
}

await onEachEngine(async (engine, databaseUrl) => {
  const b = await openBenchDatabase({ databaseUrl });
  try {
    const demo = await b.seedDemo();
    const content = await seedDemoContent(b.ctx, demo);
    const db = b.ctx.db as Db;
    await measure(db, content.consultationId); // warm up
    const notified = await measure(db, content.consultationId);
    if (engine === "PostgreSQL") await sql`DROP TRIGGER cache_versions_notify_change ON cache_versions`.execute(db);
    const counted = engine === "PostgreSQL" ? await measure(db, content.consultationId) : notified;
    await dropTriggers(db, engine);
    const bare = await measure(db, content.consultationId);
    console.log(`\nbench:table-versions ${engine}  (${N} single-row updates, ${BATCHES} inserts of 500 rows)`);
    console.log("                            all triggers  counters only      none  notify  counters");
    const us = (n: number, w = 10) => `${n.toFixed(1).padStart(w)} µs`;
    const row = (name: string, all: number, counters: number, none: number) =>
      console.log(`${name.padEnd(26)}${us(all)}${us(counters, 12)}${us(none)}${us(all - counters, 5)}${us(counters - none, 7)}`);
    row("update, own transaction", notified.update, counted.update, bare.update);
    row("insert, per row of 500", notified.insert, counted.insert, bare.insert);
  } finally {
    await b.close();
  }
});
