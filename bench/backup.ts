/**
 * bench:backup — `renkei backup`, `renkei restore` and `renkei verify` on the demo data and on a
 * national-scale dataset (bench:progress's: 1,741 municipalities × 20 items × 12 steps with MONTHS
 * of history), on SQLite and (when BENCH_DATABASE_URL or TEST_DATABASE_URL is set) PostgreSQL.
 * Prints time and size of each backup, the restore into an empty installation and the verification.
 *   npm run bench:backup
 *   MONTHS=3 ENGINES=sqlite npm run bench:backup
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { seedDemoContent } from "../server/modules/demo/content.js";
import { openDatabase } from "../server/platform/db/database.js";
import { takeBackup } from "../server/platform/ops/backup.js";
import { restoreBackup } from "../server/platform/ops/restore.js";
import { verifyInstallation } from "../server/platform/ops/verify.js";
import { scratchPostgres } from "../server/platform/testing/scratch-postgres.js";
import { makeHistory, makeOrgs, makeProgramme } from "./progress-data.js";
import { type BenchDatabase, benchConfig, benchPostgresServer, onEachEngine, openBenchDatabase } from "./support.js";

const MONTHS = Number(process.env.MONTHS ?? 12);
const ENGINES = (process.env.ENGINES ?? "sqlite,postgres").split(",");
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function measure(label: string, b: BenchDatabase) {
  const rows = Object.values((await takeCounts(b)) ?? {}).reduce((n, x) => n + x, 0);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-bench-backup-"));
  try {
    const backup = await takeBackup(b.ctx, path.join(out, "backup"));
    const db = backup.manifest.files[0]!;
    let t = performance.now();
    const checks = await verifyInstallation(b.ctx);
    const verifyMs = performance.now() - t;
    const problems = checks.flatMap((c) => c.problems);

    const scratch = b.database.engine === "postgres" ? await scratchPostgres(benchPostgresServer()!, "renkei_bench") : null;
    const target = benchConfig(path.join(out, "restored"), { DATABASE_URL: scratch?.url });
    try {
      const restored = await restoreBackup(target, backup.dir);
      const database = openDatabase(target);
      t = performance.now();
      const after = await verifyInstallation({ db: database.db, engine: database.engine, config: target });
      const verifyRestoredMs = performance.now() - t;
      await database.close();
      console.log(`  ${label}: ${rows.toLocaleString()} rows, ${backup.manifest.files.length - 1} stored files`);
      console.log(
        `    backup    ${secs(backup.seconds * 1000).padStart(9)}   ${mb(backup.bytes).padStart(9)} (database ${mb(db.bytes)}, files ${mb(backup.bytes - db.bytes)})`,
      );
      console.log(
        `    restore   ${secs(restored.seconds * 1000).padStart(9)}   (manifest checked, every SHA-256, row counts compared)`,
      );
      console.log(`    verify    ${secs(verifyMs).padStart(9)}   live; ${secs(verifyRestoredMs)} on the restored copy`);
      const restoredProblems = after.flatMap((c) => c.problems);
      if (problems.length || restoredProblems.length)
        console.log(`    PROBLEMS: ${[...problems, ...restoredProblems].join("; ")}`);
    } finally {
      await scratch?.drop();
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

async function takeCounts(b: BenchDatabase) {
  const { databaseFacts } = await import("../server/platform/ops/snapshot.js");
  return (await databaseFacts(b.database.db)).tables;
}

await onEachEngine(async (engine, databaseUrl) => {
  if (!ENGINES.includes(engine === "SQLite" ? "sqlite" : "postgres")) return;
  console.log(`\n${engine}`);
  const demo = await openBenchDatabase({ databaseUrl });
  try {
    await seedDemoContent(demo.ctx, await demo.seedDemo());
    await measure("demo council with its content", demo);
  } finally {
    await demo.close();
  }
  const scratch = databaseUrl ? await scratchPostgres(benchPostgresServer()!, "renkei_bench") : null;
  const national = await openBenchDatabase({ databaseUrl: scratch?.url });
  try {
    const t = performance.now();
    const orgs = await makeOrgs(national.ctx);
    const p = await makeProgramme(national.ctx);
    const history = await makeHistory(national.ctx, orgs, p, MONTHS, () => {});
    if (engine === "PostgreSQL") await sql`VACUUM ANALYZE`.execute(national.database.db);
    console.log(`  (generated ${history.toLocaleString()} history rows, ${MONTHS} months, in ${secs(performance.now() - t)})`);
    await measure(`national scale, ${orgs.length.toLocaleString()} municipalities`, national);
  } finally {
    await national.close();
    await scratch?.drop();
  }
});
