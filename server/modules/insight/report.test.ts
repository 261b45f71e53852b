import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mammoth from "mammoth";
import { beforeAll, describe, expect, it } from "vitest";
import type { AnnualReportJob } from "../../../shared/api/insight-report.js";
import type { Dashboard } from "../../../shared/api/progress-views.js";
import { fiscalYearAt, fiscalYearRange } from "../../../shared/dates/jst.js";
import { fiscalYearLabel, warekiDate } from "../../../shared/dates/wareki.js";
import { type Client, lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { actorOf } from "../demo/factories.js";
import { pctText } from "./report-blocks.js";
import { gatherAnnualReport } from "./report-data.js";
import { runAnnualReport } from "./report-service.js";
import { reportFixture } from "./test-report-fixture.js";

let env: TestEnv;
let sec: Client;
const fy = fiscalYearAt();
const label = fiscalYearLabel(fy);
beforeAll(async () => {
  env = await testEnv();
  sec = await env.as("secretariat@example.jp");
  await reportFixture(env);
});

const download = (c: Client, id: string, format: string) =>
  env.app.inject({ method: "GET", url: `/api/insight/reports/${id}/${format}`, headers: { cookie: c.cookie } });

describe("the annual report (取組状況報告)", () => {
  it("is asked for with an audit row, written by the job with its progress, and downloads as DOCX and PDF that other tools read", async () => {
    const asked = await sec.post("/api/insight/reports", { fiscalYear: fy });
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    const job = asked.body as AnnualReportJob;
    expect(job).toMatchObject({ fiscalYear: fy, label, status: "queued", percent: 0, files: { docx: null, pdf: null } });
    const audit = await lastAudit(env, "insight.report");
    expect(audit?.subject_id).toBe(job.id);
    expect(JSON.parse(audit!.changes!)).toMatchObject({ fiscalYear: fy });
    // Nothing is written on the request path.
    expect((await download(sec, job.id, "pdf")).statusCode).toBe(404);

    await env.worker.runOnce();
    const done = (await sec.get(`/api/insight/reports/${job.id}`)).body as AnnualReportJob;
    expect(done).toMatchObject({ status: "done", percent: 100, error: null });
    expect(done.files).toEqual({ docx: `${label}_取組状況報告書.docx`, pdf: `${label}_取組状況報告書.pdf` });

    const report = await gatherAnnualReport({ ...env.ctx, actor: await actorOf(env.ctx, "secretariat@example.jp") }, fy);
    const figures = [`${report.desk.total}件`, ...report.progress.filter((p) => p.pct != null).map((p) => pctText(p.pct))];
    const headings = [
      "会議の開催状況",
      "取組の進捗状況",
      "相談窓口の対応状況",
      "伴走型支援の実施状況",
      "照会の実施状況",
      "ＦＡＱの追加状況",
    ];

    const docx = await download(sec, job.id, "docx");
    expect(docx.statusCode).toBe(200);
    expect(docx.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(String(docx.headers["content-disposition"])).toContain("filename*=UTF-8''");
    const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    expect(text).toContain(`${label} `);
    expect(text).toContain("取組状況報告書");
    expect(text).toContain(`${warekiDate(fiscalYearRange(fy).start)}から`);
    for (const h of headings) expect(text).toContain(h);
    for (const f of figures) expect(text).toContain(f);
    expect(text).toContain("自治体情報システム標準化の進捗について：原案のとおり了承された");
    expect(text).toContain("標準化の移行計画に関する照会");
    expect(text).toContain("66.7％"); // two of three towns answered
    expect(text).toContain("標準準拠システムへの移行期限はいつですか。");
    // The charts are pictures in the Word file.
    const html = (await mammoth.convertToHtml({ buffer: docx.rawPayload })).value;
    expect(html.match(/<img [^>]*src="data:image\/png/g)?.length).toBeGreaterThanOrEqual(2);

    const pdf = await download(sec, job.id, "pdf");
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-"));
    const file = path.join(dir, "r.pdf");
    fs.writeFileSync(file, pdf.rawPayload);
    expect(execFileSync("qpdf", ["--check", file], { encoding: "utf8" })).toContain("No syntax or stream encoding errors");
    const pdfText = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/[ \t]+/g, " ");
    for (const h of headings) expect(pdfText).toContain(h);
    expect(pdfText).toContain(label);
    for (const f of figures) expect(pdfText).toContain(f);
    const fonts = execFileSync("pdffonts", [file], { encoding: "utf8" }).split("\n").slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/NotoSansJP.* yes /); // embedded (and subset)
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it("notes its progress part by part as the job goes", async () => {
    const asked = await sec.post("/api/insight/reports", { fiscalYear: fy });
    const seen: number[] = [];
    await runAnnualReport(env.ctx, asked.body.id, await actorOf(env.ctx, "secretariat@example.jp"), async () => {
      seen.push(((await sec.get(`/api/insight/reports/${asked.body.id}`)).body as AnnualReportJob).percent);
    });
    expect(seen.some((p) => p > 0 && p < 100)).toBe(true);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect((await sec.get(`/api/insight/reports/${asked.body.id}`)).body.percent).toBe(100);
  }, 120_000);

  it("has exactly the dashboard's progress figures as of the fiscal year's end and the year before's", async () => {
    const report = await gatherAnnualReport({ ...env.ctx, actor: await actorOf(env.ctx, "secretariat@example.jp") }, fy);
    const programmes = ((await sec.get("/api/progress/dashboard")).body as Dashboard).programmes;
    expect(report.progress.map((p) => p.programme)).toEqual(programmes.map((p) => p.name));
    for (const [i, p] of programmes.entries()) {
      const now = (await sec.get(`/api/progress/dashboard?programmeId=${p.id}&asOf=${fiscalYearRange(fy).end}`))
        .body as Dashboard;
      const before = (await sec.get(`/api/progress/dashboard?programmeId=${p.id}&asOf=${fiscalYearRange(fy - 1).end}`))
        .body as Dashboard;
      const r = report.progress[i]!;
      expect(r.pct).toBe(now.overall);
      expect(r.prevPct).toBe(before.overall);
      expect(r.items.map((x) => x.pct)).toEqual(now.items.map((x) => x.pct));
      expect(r.items.map((x) => x.prevPct)).toEqual(before.items.map((x) => x.pct));
    }
    // The figures are real: some programme moved between the two year ends.
    expect(report.progress.some((p) => p.pct != null && p.prevPct != null && p.pct !== p.prevPct)).toBe(true);
  }, 60_000);

  it("refuses a year with no records or not begun (400, nothing stored), 403 to others, 401 signed out", async () => {
    const count = async () => {
      const reports = await env.database.db
        .selectFrom("insight_reports")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      const jobs = await env.database.db
        .selectFrom("jobs")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("kind", "=", "insight.report")
        .executeTakeFirstOrThrow();
      return [Number(reports.n), Number(jobs.n)];
    };
    const before = await count();
    const empty = await sec.post("/api/insight/reports", { fiscalYear: 2019 });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe(
      "令和元年度には会議・相談・伴走型支援・照会・ＦＡＱの記録がないため、報告書を作成できません。年度を確かめてください。",
    );
    expect(empty.body.error.details.issues[0].path).toBe("fiscalYear");
    const future = await sec.post("/api/insight/reports", { fiscalYear: fy + 1 });
    expect(future.status).toBe(400);
    expect(future.body.error.message).toContain("まだ始まっていない");
    const bad = await sec.post("/api/insight/reports", { fiscalYear: 1990 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].message).toBe("年度は令和元年度（2019年度）以降を選んでください");
    expect(await count()).toEqual(before);

    const asked = await sec.post("/api/insight/reports", { fiscalYear: fy });
    const id = asked.body.id as string;
    const town = await env.as("abu@example.jp");
    expect((await town.post("/api/insight/reports", { fiscalYear: fy })).status).toBe(403);
    expect((await town.get(`/api/insight/reports/${id}`)).status).toBe(403);
    const specialist = await env.as("specialist@example.jp");
    expect((await specialist.post("/api/insight/reports", { fiscalYear: fy })).status).toBe(403);
    const admin = await env.as("admin@example.jp");
    const other = await admin.get(`/api/insight/reports/${id}`);
    expect(other.status).toBe(403);
    expect(other.body.error.message).toContain("依頼した本人");
    expect((await download(admin, id, "docx")).statusCode).toBe(403);
    expect((await env.anon.post("/api/insight/reports", { fiscalYear: fy })).status).toBe(401);
    expect((await env.anon.get(`/api/insight/reports/${id}`)).status).toBe(401);
    expect((await env.app.inject({ method: "GET", url: `/api/insight/reports/${id}/pdf` })).statusCode).toBe(401);
    expect((await sec.get(`/api/insight/reports/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await download(sec, id, "xlsx")).statusCode).toBe(400);
  }, 60_000);
});
