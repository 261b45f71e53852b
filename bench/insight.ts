/**
 * bench:insight — the insight module at national scale: 1,741 municipalities with the standardisation
 * programme (20 items × 12 steps, its history) owned by a working group, plus 50,000 consultations.
 * Prints p50/p95 of the agenda suggestions for one meeting of that group and of the support-priority
 * radar for all municipalities and of its backtest, through the real app (app.inject), and the time of the annual
 * report (取組状況報告) for the prefecture: the job's figures, DOCX and PDF, on SQLite and (when
 * BENCH_DATABASE_URL or TEST_DATABASE_URL is set) PostgreSQL in a scratch database.
 *   npm run bench:insight
 *   SCALE=100000 MONTHS=12 RUNS=50 npm run bench:insight
 */
import os from "node:os";
import { sql } from "kysely";
import { runAnnualReport } from "../server/modules/insight/report-service.js";
import { addDays } from "../shared/dates/calendar.js";
import { fiscalYearAt, jstDate, jstInstant } from "../shared/dates/jst.js";
import { generateConsultations } from "./desk-data.js";
import { makeHistory, makeOrgs, makeProgramme } from "./progress-data.js";
import { benchApp, login, onEachEngine, openBenchDatabase, percentile as pct } from "./support.js";

const scale = Number(process.env.SCALE ?? 50_000);
const months = Number(process.env.MONTHS ?? 3);
const runs = Number(process.env.RUNS ?? 20);
const log = (s: string) => console.log(s);

async function runEngine(label: string, databaseUrl?: string) {
  const bench = await openBenchDatabase({ databaseUrl });
  const { database, ctx } = bench;
  const demo = await bench.seedDemo();
  const t0 = performance.now();
  // The demo's own programmes keep their data under other codes; the national one takes the standard code.
  await database.db.updateTable("progress_programmes").set({ code: sql<string>`code || '-demo'` }).execute();
  const orgs = await makeOrgs(ctx);
  const programme = await makeProgramme(ctx);
  await makeHistory(ctx, orgs, programme, months, () => {});
  // The programme belongs to the standardisation WG and its deadline is four months away, so the rule has work to do.
  await database.db
    .updateTable("progress_programmes")
    .set({ body_id: demo.bodies.wgStandard, deadline: addDays(jstDate(), 120) })
    .where("id", "=", programme.programmeId)
    .execute();
  await database.db
    .updateTable("progress_items")
    .set({ deadline: null })
    .where("programme_id", "=", programme.programmeId)
    .execute();
  const users = await database.db.selectFrom("users").select(["id", "org_id", "role"]).execute();
  const clerk = users.find((u) => u.role === "municipal")!.id;
  const staffIds = users.filter((u) => u.role === "specialist" || u.role === "secretariat").map((u) => u.id);
  const orgIds = orgs.map((o) => o.id);
  await generateConsultations(ctx, scale, { staffIds, orgIds, municipalUserByOrg: new Map(orgIds.map((id) => [id, clerk])) });
  await sql.raw(database.engine === "postgres" ? "VACUUM ANALYZE" : "ANALYZE").execute(database.db);
  const loadSeconds = (performance.now() - t0) / 1000;

  const app = await benchApp(bench);
  const sec = await login(app, "secretariat@example.jp");
  const startsAt = jstInstant(addDays(jstDate(), 30), "14:00").toISOString();
  const endsAt = jstInstant(addDays(jstDate(), 30), "16:00").toISOString();
  const created = await app.inject({
    method: "POST",
    url: "/api/meetings",
    headers: { cookie: sec.cookie, "x-csrf-token": sec.csrf },
    payload: { bodyId: demo.bodies.wgStandard, kind: "online", startsAt, endsAt, onlineUrl: "https://meet.example.jp/x" },
  });
  if (created.statusCode !== 201) throw new Error(`meeting: ${created.statusCode} ${created.body}`);
  const meetingId = created.json().id as string;

  const time = async (name: string, url: string, check: (body: any) => string) => {
    const ms: number[] = [];
    let note = "";
    for (let i = 0; i < runs + 2; i++) {
      const t = performance.now();
      const res = await app.inject({ method: "GET", url, headers: { cookie: sec.cookie } });
      const took = performance.now() - t;
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      if (i >= 2) ms.push(took);
      note = check(res.json());
    }
    log(
      `  ${name.padEnd(36)} p50 ${pct(ms, 50).toFixed(1).padStart(8)} ms   p95 ${pct(ms, 95).toFixed(1).padStart(8)} ms   (${note})`,
    );
  };
  log(
    `\n${label}: ${orgs.length} municipalities, ${scale} consultations, ${months} months of history (loaded in ${loadSeconds.toFixed(0)} s)`,
  );
  await time(
    "suggestions for one meeting",
    `/api/insight/meetings/${meetingId}/suggestions`,
    (b) => `${b.items.length} suggestions`,
  );
  await time("radar, all municipalities", "/api/insight/radar", (b) => `${b.rows.length} rows`);
  await time(
    "radar backtest, 60 days ago",
    `/api/insight/radar/backtest?date=${addDays(jstDate(), -60)}`,
    (b) => `${b.rows.length} rows, outcome ${b.toReason}, r = ${b.summary.correlation}`,
  );

  // The annual report for this fiscal year: asked for through the API, then the job as the worker runs it.
  const actorRow = await database.db
    .selectFrom("users as u")
    .innerJoin("orgs as o", "o.id", "u.org_id")
    .select(["u.id", "u.org_id", "o.kind", "u.role", "u.is_org_admin", "u.email", "u.name"])
    .where("u.email", "=", "secretariat@example.jp")
    .executeTakeFirstOrThrow();
  const actor = {
    userId: actorRow.id,
    orgId: actorRow.org_id,
    orgKind: actorRow.kind,
    role: actorRow.role,
    isOrgAdmin: actorRow.is_org_admin === 1,
    email: actorRow.email,
    name: actorRow.name,
    twoFactorEnabled: false,
  };
  const reportMs: number[] = [];
  let size = 0;
  for (let i = 0; i < Math.min(runs, 3) + 1; i++) {
    const asked = await app.inject({
      method: "POST",
      url: "/api/insight/reports",
      headers: { cookie: sec.cookie, "x-csrf-token": sec.csrf },
      payload: { fiscalYear: fiscalYearAt() },
    });
    if (asked.statusCode !== 202) throw new Error(`report: ${asked.statusCode} ${asked.body}`);
    const t = performance.now();
    await runAnnualReport(ctx, asked.json().id, actor);
    if (i >= 1) reportMs.push(performance.now() - t);
    const pdf = await app.inject({
      method: "GET",
      url: `/api/insight/reports/${asked.json().id}/pdf`,
      headers: { cookie: sec.cookie },
    });
    size = pdf.rawPayload.length;
  }
  log(
    `  ${"annual report (DOCX + PDF), one pref.".padEnd(36)} p50 ${pct(reportMs, 50).toFixed(1).padStart(8)} ms   max ${Math.max(
      ...reportMs,
    )
      .toFixed(1)
      .padStart(8)} ms   (${reportMs.length} runs, PDF ${Math.round(size / 1024)} KB)`,
  );
  await app.close();
  await bench.close();
}

log(`bench:insight on ${os.cpus().length} CPU(s), Node ${process.version}`);
await onEachEngine((engine, url) => runEngine(engine, url));
