/**
 * bench:progress — the progress dashboard at national scale: 1,741 municipalities × 20 items ×
 * 12 steps, with monthly history, on SQLite and (when BENCH_DATABASE_URL or TEST_DATABASE_URL is set)
 * PostgreSQL in a scratch database. Prints p50/p95 of the dashboard summary (service, and over HTTP on a
 * local socket from a client in its own process, signed in), a
 * municipality page and "as of" queries, the online procedures' figures (26 × 1,741 records, now and as of a
 * past day), and time and peak memory of an XLSX export and import of 1,741 rows.
 *   npm run bench:progress                 (12 months of history: ~0.66 M history rows, a few minutes)
 *   SCALE=full npm run bench:progress      (five years: ~3.2 M history rows; much longer)
 *   MONTHS=24 RUNS=50 ENGINES=sqlite npm run bench:progress
 *   VIEWS_ONLY=1 …                         (the views and one edit only: no XLSX export or import)
 *   KEEP=/tmp/dir …                        (keep the generated data — SQLite file in DIR, PostgreSQL database named
 *                                           after DIR's last part — and reuse it on the next run: before/after pairs)
 */

import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import pg from "pg";
import { buildApp } from "../server/app.js";
import { getDashboard, getMatrix } from "../server/modules/progress/dashboard.js";
import { exportProgress } from "../server/modules/progress/export.js";
import { importProgress } from "../server/modules/progress/import.js";
import { onlineFigures } from "../server/modules/progress/online.js";
import { getOrgPage } from "../server/modules/progress/pages.js";
import { getRecord } from "../server/modules/progress/records.js";
import { loadItemDefs } from "../server/modules/progress/repo.js";
import { applyProgressUpdates } from "../server/modules/progress/service.js";
import { hashPassword } from "../server/platform/auth/passwords.js";
import { type Actor, type Ctx, newId, nowIso } from "../server/platform/context.js";
import { migrateToLatest, openDatabase } from "../server/platform/db/database.js";
import { localUpload } from "../server/platform/files/upload.js";
import { jstDate } from "../shared/dates/jst.js";
import { makeHistory, makeOnlineHistory, makeOrgs, makeProgramme } from "./progress-data.js";
import { benchConfig } from "./support.js";

const MONTHS = Number(process.env.MONTHS ?? (process.env.SCALE === "full" ? 60 : 12));
const RUNS = Number(process.env.RUNS ?? 30);
const ENGINES = (process.env.ENGINES ?? "sqlite,postgres").split(",");
const PASSWORD = "Bench-Password-2026";
const log = (s: string) => console.log(s);

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
/**
 * p50/p95 of fn over RUNS runs after 3 warm-ups; `prepare` (not timed) runs before each. A run that returns
 * `{ clientMs, bytes }` (a request timed by the client process, httpClient) counts that time instead of its own, and
 * the response's size is printed.
 */
async function timeIt(label: string, fn: (i: number) => Promise<unknown>, prepare?: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn(i);
  const ms: number[] = [];
  let bytes: number | undefined; // a response's size as received, for a run timed by the client
  for (let i = 0; i < RUNS; i++) {
    await prepare?.(i);
    const t = performance.now();
    const out = (await fn(i)) as { clientMs?: number; bytes?: number } | undefined;
    ms.push(out?.clientMs ?? performance.now() - t);
    bytes = out?.bytes;
  }
  log(
    `  ${label.padEnd(44)} p50 ${quantile(ms, 0.5).toFixed(1).padStart(7)} ms   p95 ${quantile(ms, 0.95).toFixed(1).padStart(7)} ms${bytes === undefined ? "" : `   ${(bytes / 1024).toFixed(0)} KB`}`,
  );
}

/** Time and peak growth of RSS and heap while fn runs (sampled every 5 ms, after a GC). */
async function memoryOf<T>(label: string, fn: () => Promise<T>): Promise<T> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage();
  let rss = base.rss;
  let heap = base.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  const timer = setInterval(sample, 5);
  const t = performance.now();
  const out = await fn();
  const ms = performance.now() - t;
  sample();
  clearInterval(timer);
  const mb = (n: number) => (n / 1048576).toFixed(0).padStart(5);
  log(
    `  ${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms   peak +${mb(rss - base.rss)} MB RSS, +${mb(heap - base.heapUsed)} MB heap`,
  );
  return out;
}

async function scratchPostgres(base: string) {
  const keep = process.env.KEEP
    ? path
        .basename(process.env.KEEP)
        .replace(/[^a-z0-9_]/gi, "_")
        .toLowerCase()
    : null;
  const name = keep ? `renkei_bench_progress_${keep}` : `renkei_bench_progress_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (!exists.rowCount) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      if (keep) return;
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function setup(engine: string, dataDir: string, databaseUrl?: string) {
  const config = benchConfig(dataDir, { DATABASE_URL: databaseUrl, JOBS_ENABLED: "false" });
  const database = openDatabase(config);
  await migrateToLatest(database.db);
  const sys: Ctx = { db: database.db, engine: database.engine, config, actor: null, ip: null, userAgent: null };
  const kept = process.env.KEEP ? await loadKept(sys) : null;
  if (kept) {
    log(`${engine}: reusing the kept data (${kept.history.toLocaleString()} history rows)`);
    return { config, database, ctx: { ...sys, actor: benchActor(kept.userId, kept.prefId) }, ...kept };
  }
  const t0 = performance.now();
  const now = nowIso();
  const prefId = newId();
  await database.db
    .insertInto("orgs")
    .values({
      id: prefId,
      lg_code: null,
      kind: "prefecture",
      name: "県",
      kana: "けん",
      name_en: null,
      population: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const userId = newId();
  await database.db
    .insertInto("users")
    .values({
      id: userId,
      org_id: prefId,
      email: "sec@example.jp",
      name: "事務局",
      role: "secretariat",
      is_org_admin: 0,
      password_hash: await hashPassword(PASSWORD, 1024),
      status: "active",
      failed_logins: 0,
      locked_until: null,
      totp_secret: null,
      totp_enabled: 0,
      locale: "ja",
      calendar_token: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const orgs = await makeOrgs(sys);
  const p = await makeProgramme(sys);
  log(`${engine}: generating ${orgs.length} municipalities × ${p.items.length} items × 12 steps, ${MONTHS} months of history`);
  const history = await makeHistory(sys, orgs, p, MONTHS, log);
  log(`${engine}: the online procedures, 26 × ${orgs.length} records with their channels over ${MONTHS} months`);
  await makeOnlineHistory(sys, orgs, MONTHS);
  if (engine === "postgres") await sql`VACUUM ANALYZE`.execute(database.db);
  else await sql`ANALYZE`.execute(database.db);
  log(`  generated ${history.toLocaleString()} history rows in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return { config, database, ctx: { ...sys, actor: benchActor(userId, prefId) }, orgs, p, history };
}

const benchActor = (userId: string, orgId: string): Actor => ({
  userId,
  orgId,
  orgKind: "prefecture",
  role: "secretariat",
  isOrgAdmin: false,
  email: "sec@example.jp",
  name: "事務局",
  twoFactorEnabled: false,
});

/** The data of an earlier run with KEEP (null when there is none yet). */
async function loadKept(ctx: Ctx) {
  const user = await ctx.db.selectFrom("users").select(["id", "org_id"]).where("email", "=", "sec@example.jp").executeTakeFirst();
  const programme = await ctx.db
    .selectFrom("progress_programmes")
    .select("id")
    .where("code", "=", "standardisation")
    .executeTakeFirst();
  if (!user || !programme) return null;
  const orgs = await ctx.db
    .selectFrom("orgs")
    .select(["id", "kind"])
    .where("kind", "!=", "prefecture")
    .orderBy("lg_code")
    .execute();
  const items = (
    await ctx.db
      .selectFrom("progress_items")
      .select("id")
      .where("programme_id", "=", programme.id)
      .orderBy("sort_order")
      .execute()
  ).map((i) => i.id);
  const history = await ctx.db
    .selectFrom("progress_history")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return {
    userId: user.id,
    prefId: user.org_id,
    orgs,
    p: { programmeId: programme.id, items, defs: await loadItemDefs(ctx, items) },
    history: Number(history.n),
  };
}

async function measure(engine: string, s: Awaited<ReturnType<typeof setup>>) {
  const { ctx, orgs, p } = s;
  const app = await buildApp({ config: s.config, database: s.database });
  const login = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email: "sec@example.jp", password: PASSWORD },
  });
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const today = jstDate();
  const pastDay = (i: number) =>
    new Date(Date.now() - (15 + ((i * 37) % (MONTHS * 30 - 20))) * 86400_000).toISOString().slice(0, 10);
  log(
    `\n${engine}: ${orgs.length} municipalities, ${s.history.toLocaleString()} history rows, ${RUNS} runs each (after 3 warm-ups)`,
  );
  await timeIt("dashboard summary (service)", () => getDashboard(ctx, { programmeId: p.programmeId }));
  // Over a real socket, from a client in its own process (http-client.ts): the server's whole work and the
  // bytes received as a browser would (app.inject also copied each body twice and decoded it into a string in
  // this process: ≈ 6 ms of a 318 KB summary that no server spends).
  const base = await app.listen({ host: "127.0.0.1", port: 0 });
  const client = fork(path.join(import.meta.dirname, "http-client.ts"), [], { execArgv: ["--import", "tsx"] });
  process.once("exit", () => client.kill());
  const http = (url: string) => () =>
    new Promise<{ clientMs: number; bytes: number }>((resolve, reject) => {
      client.once("message", (r: { ms: number; bytes: number; status: number; text: string }) =>
        r.status === 200 ? resolve({ clientMs: r.ms, bytes: r.bytes }) : reject(new Error(`${url}: ${r.status} ${r.text}`)),
      );
      client.send({ url: `${base}${url}`, cookie });
    });
  await timeIt("dashboard summary (HTTP, signed in)", http(`/api/progress/dashboard?programmeId=${p.programmeId}`));
  await timeIt("heatmap matrix (HTTP, signed in)", http(`/api/progress/dashboard/matrix?programmeId=${p.programmeId}`));
  await timeIt("municipality page (HTTP, signed in)", (i) => http(`/api/progress/orgs/${orgs[(i * 97) % orgs.length]!.id}`)());
  await timeIt("as-of dashboard (HTTP, signed in)", (i) =>
    http(`/api/progress/dashboard?programmeId=${p.programmeId}&asOf=${pastDay(i)}`)(),
  );
  // The dashboard page for a past day loads the heatmap as of that day beside the summary: a day not asked
  // before on every run, warm-ups included, and none of the days the other as-of views ask for.
  let unseen = 100;
  await timeIt("as-of heatmap (HTTP, signed in)", () =>
    http(`/api/progress/dashboard/matrix?programmeId=${p.programmeId}&asOf=${pastDay(unseen++)}`)(),
  );
  await timeIt("as-of heatmap (service)", (i) => getMatrix(ctx, { programmeId: p.programmeId, asOf: pastDay(i) }));
  await timeIt("dashboard summary, small towns only", () => getDashboard(ctx, { programmeId: p.programmeId, small: "true" }));
  await timeIt("heatmap matrix, 34,820 cells (service)", () => getMatrix(ctx, { programmeId: p.programmeId }));
  await timeIt("municipality page", (i) => getOrgPage(ctx, orgs[(i * 97) % orgs.length]!.id));
  await timeIt("as-of dashboard (random past day)", (i) => getDashboard(ctx, { programmeId: p.programmeId, asOf: pastDay(i) }));
  await timeIt("as-of municipality page", (i) => getOrgPage(ctx, orgs[(i * 89) % orgs.length]!.id, { asOf: pastDay(i) }));
  await timeIt("as-of record (rewound from its history)", (i) =>
    getRecord(ctx, orgs[(i * 53) % orgs.length]!.id, p.items[i % 20]!, { asOf: pastDay(i) }),
  );
  // Write cost: one record's planned date moved (history, rollup and the maintained totals). The records edited
  // start at a random municipality, so a run on kept data changes records (an unchanged value writes nothing).
  const seed = Math.floor(Math.random() * orgs.length);
  const edit = (i: number) =>
    applyProgressUpdates(
      ctx,
      [
        {
          orgId: orgs[(i * 31 + seed) % orgs.length]!.id,
          itemId: p.items[i % 20]!,
          steps: [
            {
              stepId: p.defs.get(p.items[i % 20]!)!.def.steps[11]!.id,
              plannedDate: `2031-01-${String(1 + (i % 28)).padStart(2, "0")}`,
            },
          ],
        },
      ],
      { source: "manual" },
    );
  await timeIt("one record edited (service, all writes)", edit);
  // The summary computed anew after each edit (the view kept in memory is valid only until the next write).
  await timeIt("dashboard summary after an edit (HTTP)", http(`/api/progress/dashboard?programmeId=${p.programmeId}`), (i) =>
    edit(i + 2 * RUNS),
  );
  // The online procedures' figures (national definition and broad), now and as of a past day (step history, 0930).
  const online = await ctx.db
    .selectFrom("progress_programmes")
    .select("id")
    .where("code", "=", "online-procedures")
    .executeTakeFirst();
  if (online) {
    const onlineItems = (
      await ctx.db.selectFrom("progress_items").select("id").where("programme_id", "=", online.id).execute()
    ).map((i) => i.id);
    const orgIds = orgs.map((o) => o.id);
    await timeIt("online figures counted from every step state", () => onlineFigures(ctx, onlineItems, orgIds));
    await timeIt("online figures as of a past day", (i) => onlineFigures(ctx, onlineItems, orgIds, pastDay(i)));
    await timeIt("as-of dashboard, online procedures", (i) => getDashboard(ctx, { programmeId: online.id, asOf: pastDay(i) }));
    // A procedure's channel changed, then the summary (its online figures from the counts kept on each write).
    const onlineDefs = await loadItemDefs(ctx, onlineItems);
    const channel = (i: number) => {
      const itemId = onlineItems[i % onlineItems.length]!;
      return applyProgressUpdates(
        ctx,
        [
          {
            orgId: orgs[(i * 31 + seed) % orgs.length]!.id,
            itemId,
            steps: [
              {
                stepId: onlineDefs.get(itemId)!.def.steps[0]!.id,
                status: "done",
                option: i % 2 ? "マイナポータル" : "その他の電子申請",
              },
            ],
          },
        ],
        { source: "manual" },
      );
    };
    await timeIt(
      "online procedures' summary after an edit (HTTP)",
      http(`/api/progress/dashboard?programmeId=${online.id}`),
      channel,
    );
  }
  // After each edit today, a day of an earlier month again: kept across today's writes (migration 0921),
  // where the random days above are each computed (as every as-of view was after any write before 0921).
  const lastMonth = new Date(Date.now() - 45 * 86400_000).toISOString().slice(0, 10);
  await timeIt(
    "as-of dashboard after an edit today (HTTP)",
    http(`/api/progress/dashboard?programmeId=${p.programmeId}&asOf=${lastMonth}`),
    (i) => edit(i + RUNS),
  );
  client.kill(); // its IPC channel would keep this process alive
  if (process.env.VIEWS_ONLY) return app.close();

  const item = p.items[0]!;
  const exported = await memoryOf("XLSX export, one item (1,741 rows × 38 cols)", () =>
    exportProgress(ctx, { programmeId: p.programmeId, itemId: item, format: "xlsx", encoding: "utf8" }),
  );
  await memoryOf("XLSX export, whole programme (21 sheets)", () =>
    exportProgress(ctx, { programmeId: p.programmeId, format: "xlsx", encoding: "utf8" }),
  );
  // Every municipality's row changes: its last step is planned a week later (done or not).
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(exported.body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  ws.eachRow((row, n) => {
    if (n > 3) row.getCell(3 + 11 * 3 + 1).value = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86400_000);
  });
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const dry = await memoryOf("XLSX import dry run (1,741 rows)", () =>
    importProgress(ctx, localUpload({ dryRun: "true" }, [{ bytes, name: "bench.xlsx" }])),
  );
  const real = await memoryOf("XLSX import (1,741 rows written)", () =>
    importProgress(ctx, localUpload({ dryRun: "false" }, [{ bytes, name: "bench.xlsx" }])),
  );
  log(`  import: ${real.applied} records changed (dry run said ${dry.applied}), ${real.issues.length} issues`);
  await app.close();
}

async function main() {
  log(`bench:progress  (${os.cpus().length} cores, Node ${process.version}, ${MONTHS} months of history)`);
  if (ENGINES.includes("sqlite")) {
    const dir = process.env.KEEP ?? fs.mkdtempSync(path.join(os.tmpdir(), "renkei-bench-progress-"));
    fs.mkdirSync(dir, { recursive: true });
    const s = await setup("sqlite", dir);
    log(`  SQLite file: ${(fs.statSync(path.join(dir, "renkei.sqlite")).size / 1048576).toFixed(0)} MB`);
    await measure("sqlite", s);
    await s.database.close();
    if (!process.env.KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
  const pgBase = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (ENGINES.includes("postgres") && pgBase) {
    const scratch = await scratchPostgres(pgBase);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-bench-progress-"));
    try {
      const s = await setup("postgres", dir, scratch.url);
      await measure("postgres", s);
      await s.database.close();
    } finally {
      await scratch.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } else if (ENGINES.includes("postgres")) log("\nPostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)");
}

// Dropping the scratch database ends its sessions; a pool may still report that as an error: not a failure.
process.on("uncaughtException", (err: Error & { code?: string }) => {
  if (err.code === "57P01") return;
  throw err;
});
await main();
