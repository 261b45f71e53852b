import { beforeAll, describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { progressIds } from "./test-support.js";

let env: TestEnv;
let programme: string;
beforeAll(async () => {
  env = await testEnv();
  programme = await (await progressIds(env)).prog("standardisation");
});

const fileOf = async (email: string, id: string) => {
  const c = await env.as(email);
  return env.app.inject({ method: "GET", url: `/api/progress/exports/${id}/file`, headers: { cookie: c.cookie } });
};

describe("whole-programme export as a background job", () => {
  it("is asked for with an audit row, runs in the job worker with its progress, and downloads as the whole workbook", async () => {
    const abu = await env.as("abu@example.jp");
    const asked = await abu.post("/api/progress/exports", { programmeId: programme });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ programmeId: programme, status: "queued", percent: 0, fileName: null });
    const audit = await lastAudit(env, "progress.export");
    expect(audit?.changes).toContain(asked.body.id);

    // Nothing is written on the request path: the file exists only once the job ran.
    expect((await fileOf("abu@example.jp", asked.body.id)).statusCode).toBe(404);
    await env.worker.runOnce();

    const done = await abu.get(`/api/progress/exports/${asked.body.id}`);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: "done", percent: 100, error: null });
    expect(done.body.fileName).toMatch(/^取組状況_.+\.xlsx$/);

    const res = await fileOf("abu@example.jp", asked.body.id);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const wb = XLSX.read(res.rawPayload, { type: "buffer" });
    expect(wb.SheetNames).toHaveLength(21);
    expect(wb.SheetNames[0]).toBe("集計");
    const summary = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets["集計"]!, { header: 1, defval: null });
    expect(summary[2]!.slice(0, 6)).toEqual(["団体コード", "団体名", "区分", "人口", "全体", "住民基本台帳"]);
    expect(summary.slice(3).map((r) => r[1])).toContain("阿武町");
    expect(summary).toHaveLength(3 + 19);
    expect(wb.Sheets["19 戸籍"]!.B2.v).toBe("standardisation/19");
  });

  it("notes each written sheet as the job goes", async () => {
    const sec = await env.as("secretariat@example.jp");
    const asked = await sec.post("/api/progress/exports", { programmeId: programme });
    const seen: number[] = [];
    const rows = await env.database.db.selectFrom("progress_exports").select(["done", "total"]).where("id", "=", asked.body.id);
    const { runExportJob } = await import("./export-jobs.js");
    // The job runs here, as the worker runs it; after each sheet a second reader reads the row
    // (a timed poll is not enough: on SQLite the writes may never leave the event loop a gap).
    await runExportJob(env.ctx, asked.body.id, async () => {
      const r = await rows.executeTakeFirst();
      if (r?.total) seen.push(Math.floor((r.done * 100) / r.total));
    });
    expect((await sec.get(`/api/progress/exports/${asked.body.id}`)).body.percent).toBe(100);
    expect(seen.some((p) => p > 0 && p < 100)).toBe(true);
  });

  it("answers 401 signed out, 403 to a colleague of the same town, 404 to another organisation, 400 for a bad id", async () => {
    const abu = await env.as("abu@example.jp");
    const asked = await abu.post("/api/progress/exports", { programmeId: programme });
    await env.worker.runOnce();
    const id = asked.body.id as string;
    expect((await env.anon.get(`/api/progress/exports/${id}`)).status).toBe(401);
    expect((await env.app.inject({ method: "GET", url: `/api/progress/exports/${id}/file` })).statusCode).toBe(401);
    expect((await env.anon.post("/api/progress/exports", { programmeId: programme })).status).toBe(401);

    const colleague = await env.as("abu2@example.jp");
    const denied = await colleague.get(`/api/progress/exports/${id}`);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain("依頼した本人");
    expect((await fileOf("abu2@example.jp", id)).statusCode).toBe(403);

    const other = await env.as("yamaguchi@example.jp");
    expect((await other.get(`/api/progress/exports/${id}`)).status).toBe(404);
    expect((await fileOf("yamaguchi@example.jp", id)).statusCode).toBe(404);
    expect((await fileOf("secretariat@example.jp", id)).statusCode).toBe(404);

    expect((await abu.post("/api/progress/exports", { programmeId: crypto.randomUUID() })).status).toBe(404);
    const bad = await abu.post("/api/progress/exports", { programmeId: "x" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].message).toBe("取組を選んでください");
  });
});
