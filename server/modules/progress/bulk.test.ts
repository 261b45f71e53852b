import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { jstDate } from "../../../shared/dates/jst.js";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { postMultipart, progressIds } from "./test-support.js";

let env: TestEnv;
let programme: string;
let koseki: string;
let classes: string;
let divide: string;
beforeAll(async () => {
  env = await testEnv();
  const ids = await progressIds(env);
  programme = await ids.prog("standardisation");
  divide = await ids.prog("digital-divide");
  koseki = await ids.item("standardisation", "19");
  classes = await ids.item("digital-divide", "classes");
});

const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function download(email: string, query: string) {
  const c = await env.as(email);
  const res = await env.app.inject({ method: "GET", url: `/api/progress/export?${query}`, headers: { cookie: c.cookie } });
  return res;
}

async function book(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const rowOf = (ws: ExcelJS.Worksheet, name: string) => {
  let found = 0;
  ws.eachRow((row, n) => {
    if (row.getCell(2).value === name) found = n;
  });
  return found;
};

describe("export", () => {
  it("writes the programme as a summary sheet and one sheet per item", async () => {
    const res = await download("observer@example.jp", `programmeId=${programme}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe(xlsx);
    expect(String(res.headers["content-disposition"])).toContain("filename*=UTF-8''");
    const wb = await book(res.rawPayload);
    expect(wb.worksheets).toHaveLength(21);
    const summary = wb.worksheets[0]!;
    expect(summary.getRow(3).getCell(6).value).toBe("住民基本台帳");
    expect(summary.rowCount).toBe(3 + 19);
    const sheet = wb.worksheets[19]!;
    expect(sheet.name).toBe("19 戸籍");
    expect(sheet.getCell("B2").value).toBe("standardisation/19");
    expect(sheet.getCell("C3").value).toBe("推進体制の立ち上げ：状況");
  });

  it("writes CSV in UTF-8 with a BOM, or Shift_JIS on request", async () => {
    const utf8 = await download("abu@example.jp", `programmeId=${programme}&format=csv`);
    expect(utf8.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(utf8.rawPayload.toString("utf8")).toContain("阿武町");
    const sjis = await download("abu@example.jp", `programmeId=${programme}&itemId=${koseki}&format=csv&encoding=sjis`);
    expect(iconv.decode(sjis.rawPayload, "cp932")).toContain("項目コード,standardisation/19");
  });

  it("answers 401 without a session and 404 for an unknown programme or item", async () => {
    expect((await env.app.inject({ method: "GET", url: `/api/progress/export?programmeId=${programme}` })).statusCode).toBe(401);
    expect((await download("abu@example.jp", `programmeId=${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await download("abu@example.jp", `programmeId=${programme}&itemId=${classes}`)).statusCode).toBe(404);
  });
});

describe("import", () => {
  it("previews a clean edited sheet, writes nothing, then imports it with history and audit", async () => {
    const abu = await env.as("abu@example.jp");
    const wb = await book((await download("abu@example.jp", `programmeId=${programme}&itemId=${koseki}`)).rawPayload);
    const ws = wb.worksheets[0]!;
    const r = rowOf(ws, "阿武町");
    let col = 3;
    while (ws.getRow(r).getCell(col).value === "完了") col += 3;
    ws.getRow(r).getCell(col).value = "完了";
    ws.getRow(r).getCell(col + 2).value = new Date(`${jstDate()}T00:00:00Z`);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const before = (await abu.get(`/api/progress/records/${env.demo.orgs.阿武町}/${koseki}`)).body;

    const dry = await postMultipart(
      env,
      abu,
      "/api/progress/import",
      { name: "戸籍.xlsx", type: xlsx, data: bytes },
      { dryRun: "true" },
    );
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, format: "xlsx", applied: 1, unchanged: 18, issues: [] });
    expect(dry.body.changes[0]).toMatchObject({ org: "阿武町", item: "戸籍", fields: 2 });
    expect((await abu.get(`/api/progress/records/${env.demo.orgs.阿武町}/${koseki}`)).body.version).toBe(before.version);

    const real = await postMultipart(
      env,
      abu,
      "/api/progress/import",
      { name: "戸籍.xlsx", type: xlsx, data: bytes },
      { dryRun: "false" },
    );
    expect(real.status).toBe(200);
    expect(real.body.applied).toBe(1);
    const after = (await abu.get(`/api/progress/records/${env.demo.orgs.阿武町}/${koseki}`)).body;
    expect(after.done).toBe(before.done + 1);
    const hist = (await abu.get(`/api/progress/records/${env.demo.orgs.阿武町}/${koseki}/history`)).body.items[0];
    expect(hist.source).toBe("import");
    expect(hist.evidence.name).toBe("戸籍.xlsx");
    expect(JSON.parse((await lastAudit(env, "progress.import"))!.changes!)).toMatchObject({ applied: 1 });
  });

  it("refuses a change to another town's row, naming the row", async () => {
    const abu = await env.as("abu@example.jp");
    const wb = await book((await download("abu@example.jp", `programmeId=${programme}&itemId=${koseki}`)).rawPayload);
    const ws = wb.worksheets[0]!;
    const r = rowOf(ws, "美祢市");
    ws.getRow(r).getCell(4).value = new Date("2027-01-05T00:00:00Z");
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await postMultipart(
      env,
      abu,
      "/api/progress/import",
      { name: "x.xlsx", type: xlsx, data: bytes },
      { dryRun: "false" },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues).toEqual([
      expect.objectContaining({ path: `19 戸籍!A${r}`, row: r, message: expect.stringContaining("美祢市") }),
    ]);
  });

  it("lists every bad cell of a Shift_JIS CSV by row and column, and writes nothing", async () => {
    const sec = await env.as("secretariat@example.jp");
    const head = (await download("secretariat@example.jp", `programmeId=${programme}&itemId=${koseki}&format=csv`)).rawPayload
      .toString("utf8")
      .slice(1);
    const lines = head.split("\r\n");
    const cols = lines[2]!.split(",");
    const row = (code: string, name: string, edits: Record<number, string>) =>
      cols.map((_, i) => (i === 0 ? code : i === 1 ? name : (edits[i] ?? ""))).join(",");
    const csv = [
      lines[0],
      lines[1],
      lines[2],
      row("352136", "美祢市", { 2: "やった", 3: "2026-13-45", 4: "" }),
      row("352136", "美祢市", {}),
      row("999999", "どこか町", {}),
      row("352047", "萩市", { 5: "完了", 7: "2099-01-01" }),
    ].join("\r\n");
    const sjis = iconv.encode(csv, "cp932");
    const res = await postMultipart(
      env,
      sec,
      "/api/progress/import",
      { name: "bad.csv", type: "text/csv", data: sjis },
      { dryRun: "true" },
    );
    expect(res.status).toBe(200);
    expect(res.body.encoding).toBe("Shift_JIS (Windows / CP932)");
    const where = res.body.issues.map((i: { path: string }) => i.path);
    expect(where).toEqual(expect.arrayContaining(["bad!C4", "bad!D4", "bad!A5", "bad!A6", "bad!H7"]));
    expect(res.body.issues.find((i: { path: string }) => i.path === "bad!C4").column).toBe("C（推進体制の立ち上げ：状況）");
    const real = await postMultipart(
      env,
      sec,
      "/api/progress/import",
      { name: "bad.csv", type: "text/csv", data: sjis },
      { dryRun: "false" },
    );
    expect(real.status).toBe(400);
    expect(real.body.error.details.issues.length).toBe(res.body.issues.length);
  });

  it("reads a metric sheet in UTF-8 CSV without a BOM and rejects a value that is not a number", async () => {
    const sec = await env.as("secretariat@example.jp");
    const text = (
      await download("secretariat@example.jp", `programmeId=${divide}&itemId=${classes}&format=csv&fiscalYear=2026`)
    ).rawPayload
      .toString("utf8")
      .slice(1);
    expect(text.split("\r\n")[1]).toBe("項目コード,digital-divide/classes,年度,2026");
    const lines = text.trim().split("\r\n");
    const abuLine = lines.findIndex((l) => l.includes("阿武町"));
    const cells = lines[abuLine]!.split(",");
    cells[2] = "5";
    lines[abuLine] = cells.join(",");
    const ok = await postMultipart(
      env,
      sec,
      "/api/progress/import",
      { name: "classes.csv", type: "text/csv", data: lines.join("\n") },
      { dryRun: "true" },
    );
    expect(ok.body).toMatchObject({ encoding: "UTF-8", applied: 1, issues: [] });
    cells[2] = "五回";
    lines[abuLine] = cells.join(",");
    const bad = await postMultipart(
      env,
      sec,
      "/api/progress/import",
      { name: "classes.csv", type: "text/csv", data: lines.join("\n") },
      { dryRun: "true" },
    );
    expect(bad.body.issues).toEqual([
      expect.objectContaining({ path: `classes!C${abuLine + 1}`, message: "「五回」は数値ではありません" }),
    ]);
  });

  it("refuses .xls, needs a session and a role that may import", async () => {
    const sec = await env.as("secretariat@example.jp");
    const cfb = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]);
    expect(
      (await postMultipart(env, sec, "/api/progress/import", { name: "old.xls", type: "application/vnd.ms-excel", data: cfb }))
        .status,
    ).toBe(415);
    expect(
      (await postMultipart(env, env.anon, "/api/progress/import", { name: "a.csv", type: "text/csv", data: "a" })).status,
    ).toBe(401);
    const spec = await env.as("specialist@example.jp");
    expect((await postMultipart(env, spec, "/api/progress/import", { name: "a.csv", type: "text/csv", data: "a" })).status).toBe(
      403,
    );
  });
});
