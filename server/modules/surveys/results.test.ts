import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { parseCsv } from "../../../shared/csv.js";
import { type Client, lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { sampleAnswer } from "./fixtures.js";
import { publishedSurvey } from "./test-helpers.js";

let env: TestEnv;
let survey: { id: string };
const org = (name: string) => env.demo.orgs[name]!;

async function submit(email: string, orgName: string, data: Record<string, unknown>, s = survey) {
  const c = await env.as(email);
  const res = await c.post(`/api/surveys/${s.id}/answers/${org(orgName)}/submit`, { version: 0, data });
  if (res.status !== 200) throw new Error(res.text);
}

/** GET as raw bytes (the harness client decodes text). */
async function raw(client: Client, url: string) {
  const res = await env.app.inject({ method: "GET", url, headers: { cookie: client.cookie } });
  return { status: res.statusCode, bytes: res.rawPayload, headers: res.headers };
}

beforeAll(async () => {
  env = await testEnv();
  survey = await publishedSurvey(env, { resultsVisibility: "shared" });
  await submit("abu@example.jp", "阿武町", sampleAnswer());
  await submit(
    "yamaguchi@example.jp",
    "山口市",
    sampleAnswer({ staff: 12, method: "single", issues: { choices: ["cost", "staff"] } }),
  );
  await submit(
    "shunan@example.jp",
    "周南市",
    sampleAnswer({
      staff: 6,
      method: { other: "県と共同" },
      hard: true,
      hardDetail: "戸籍（外字）",
      issues: { choices: [], other: "庁内調整" },
    }),
  );
  const mine = await env.as("mine@example.jp");
  await mine.put(`/api/surveys/${survey.id}/answers/${org("美祢市")}`, { version: 0, data: { dept: "下書き中", staff: 99 } });
});

describe("results", () => {
  it("401 / 403 for a municipality while the survey is open / 404 for a survey it is not asked", async () => {
    expect((await env.anon.get(`/api/surveys/${survey.id}/results`)).status).toBe(401);
    const abu = await env.as("abu@example.jp");
    expect((await abu.get(`/api/surveys/${survey.id}/results`)).status).toBe(403);
    expect((await abu.get(`/api/surveys/${survey.id}/export.xlsx`)).status).toBe(403);
    // Before results are shared, another town's answer does not exist for it.
    expect((await abu.get(`/api/surveys/${survey.id}/answers/${org("山口市")}`)).status).toBe(404);
    const rpa = await publishedSurvey(env, { title: "RPA", targetMode: "body", targetBodyId: env.demo.bodies.wgRpa });
    expect((await (await env.as("kaminoseki@example.jp")).get(`/api/surveys/${rpa.id}/results`)).status).toBe(404);
  });

  it("aggregates each question: choice counts and percentages, number statistics, grid cells", async () => {
    const sec = await env.as("secretariat@example.jp");
    const res = await sec.get(`/api/surveys/${survey.id}/results`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ targets: 19, respondents: 3 });
    const q = (id: string) => res.body.questions.find((x: { id: string }) => x.id === id).aggregate;
    expect(q("staff")).toMatchObject({ type: "number", n: 3, sum: 21, mean: 7, min: 3, max: 12, unit: "人" });
    const method = q("method");
    expect(method.n).toBe(3);
    expect(method.options).toEqual([
      { id: "single", label: "単独で調達", count: 1, percent: 33.3 },
      { id: "joint", label: "共同で調達", count: 1, percent: 33.3 },
      { id: "undecided", label: "未定", count: 0, percent: 0 },
      { id: "__other__", label: "その他", count: 1, percent: 33.3 },
    ]);
    expect(method.otherTexts).toEqual(["県と共同"]);
    expect(q("issues").options.find((o: { id: string }) => o.id === "cost").count).toBe(2);
    expect(q("hard").options).toEqual([
      { id: "true", label: "はい", count: 1, percent: 33.3 },
      { id: "false", label: "いいえ", count: 2, percent: 66.7 },
    ]);
    const grid = q("grid");
    expect(grid.rows).toHaveLength(20);
    expect(grid.rows[0].cells.status.options[0]).toMatchObject({ label: "完了", count: 3, percent: 100 });
    expect(grid.rows[0].cells.target).toMatchObject({ type: "date", earliest: "2025-12-01" });

    // Drafts on request; a filter on an answer.
    expect((await sec.get(`/api/surveys/${survey.id}/results?include=all`)).body.respondents).toBe(4);
    const joint = await sec.get(`/api/surveys/${survey.id}/results?q=method&v=joint`);
    expect(joint.body.respondents).toBe(1);
    const bad = await sec.get(`/api/surveys/${survey.id}/results?q=nope&v=1`);
    expect(bad.status).toBe(400);
  });

  it("lists the table of answers, one row per organisation", async () => {
    const sec = await env.as("secretariat@example.jp");
    const res = await sec.get(`/api/surveys/${survey.id}/results/table`);
    expect(res.body.total).toBe(3);
    expect(res.body.columns.find((c: { key: string }) => c.key === "staff").label).toBe("担当職員数（人）");
    expect(res.body.columns.find((c: { key: string }) => c.key === "grid.sys1.status").label).toBe(
      "標準準拠システムへの移行状況：住民基本台帳／状況",
    );
    const shunan = res.body.rows.find((r: { org: { name: string } }) => r.org.name === "周南市");
    expect(shunan.cells).toMatchObject({ method: "その他：県と共同", issues: "その他：庁内調整", hard: "はい", staff: 6 });
    const page = await sec.get(`/api/surveys/${survey.id}/results/table?limit=1&offset=1`);
    expect(page.body.rows).toHaveLength(1);
    expect(page.body.total).toBe(3);
  });
});

describe("exports", () => {
  it("streams an XLSX with one row per organisation and one sheet per grid question", async () => {
    const sec = await env.as("secretariat@example.jp");
    const res = await raw(sec, `/api/surveys/${survey.id}/export.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(String(res.headers["content-disposition"])).toContain(".xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["回答", "標準準拠システムへの移行状況"]);
    const main = wb.getWorksheet("回答")!;
    const header = (main.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 7)).toEqual(["団体コード", "団体名", "回答状況", "提出日時", "提出者", "担当課", "担当職員数（人）"]);
    expect(main.rowCount).toBe(4);
    const rows = [2, 3, 4].map((i) => (main.getRow(i).values as unknown[]).slice(1));
    const yamaguchi = rows.find((r) => r[1] === "山口市")!;
    expect(yamaguchi.slice(0, 3)).toEqual(["352039", "山口市", "提出済み"]);
    expect(yamaguchi[3]).toBeInstanceOf(Date); // 提出日時: an Excel date and time (Japan time)
    expect(yamaguchi[4]).toBe("山口 花子");
    expect(yamaguchi[6]).toBe(12);
    expect(yamaguchi[header.indexOf("移行の方式")]).toBe("単独で調達");
    expect(yamaguchi[header.indexOf("課題（複数選択可）")]).toBe("経費の増加、職員の不足");
    const grid = wb.getWorksheet("標準準拠システムへの移行状況")!;
    expect((grid.getRow(1).values as unknown[]).slice(1)).toEqual(["団体コード", "団体名", "項目", "状況", "移行予定日"]);
    expect(grid.rowCount).toBe(1 + 3 * 20);
    expect((grid.getRow(2).values as unknown[]).slice(3)).toEqual(["住民基本台帳", "完了", new Date(Date.UTC(2025, 11, 1))]);
    expect((grid.getRow(3).values as unknown[]).slice(3)).toEqual(["選挙人名簿管理", "作業中", new Date(Date.UTC(2026, 2, 31))]);
    // An independent reader sees the same typed cells: text codes, an Excel date and time, numbers.
    const sj = XLSX.read(res.bytes, { type: "buffer", cellDates: true });
    expect(sj.SheetNames).toEqual(["回答", "標準準拠システムへの移行状況"]);
    const table = XLSX.utils.sheet_to_json<unknown[]>(sj.Sheets["回答"]!, { header: 1, defval: null });
    const sjYamaguchi = table.find((r) => r[1] === "山口市")!;
    expect(sjYamaguchi.slice(0, 3)).toEqual(["352039", "山口市", "提出済み"]);
    expect(sjYamaguchi[3]).toBeInstanceOf(Date);
    expect(sjYamaguchi[6]).toBe(12);
    expect(sj.Sheets["回答"]!.A2.t).toBe("s");
    const sjGrid = sj.Sheets["標準準拠システムへの移行状況"]!;
    expect(sjGrid.E2).toMatchObject({ t: "d", v: new Date(Date.UTC(2025, 11, 1)) });
    expect(XLSX.utils.decode_range(sjGrid["!ref"]!).e.r).toBe(3 * 20);
    expect((await lastAudit(env, "survey.export"))?.changes).toContain('"format":"xlsx"');
  });

  it("writes CSV in UTF-8 with a BOM, or in Shift_JIS", async () => {
    const sec = await env.as("secretariat@example.jp");
    const utf8 = await raw(sec, `/api/surveys/${survey.id}/export.csv`);
    expect(utf8.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect([...utf8.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(utf8.bytes.toString("utf8"));
    expect(rows).toHaveLength(4);
    expect(rows[0]!.slice(0, 3)).toEqual(["団体コード", "団体名", "回答状況"]);
    expect(rows[0]).toContain("標準準拠システムへの移行状況：住民基本台帳／状況");

    const sjis = await raw(sec, `/api/surveys/${survey.id}/export.csv?encoding=sjis`);
    expect(sjis.headers["content-type"]).toBe("text/csv; charset=Shift_JIS");
    expect(sjis.bytes[0]).not.toBe(0xef);
    const decoded = parseCsv(iconv.decode(sjis.bytes, "Shift_JIS"));
    expect(decoded).toEqual(rows);
    expect((await lastAudit(env, "survey.export"))?.changes).toContain("csv-sjis");
  });
});

describe("shared results", () => {
  it("after closing, shows submitted results to the asked organisations, never drafts", async () => {
    const sec = await env.as("secretariat@example.jp");
    await sec.post(`/api/surveys/${survey.id}/close`);
    const abu = await env.as("abu@example.jp");
    const res = await abu.get(`/api/surveys/${survey.id}/results?include=all`);
    expect(res.status).toBe(200);
    expect(res.body.respondents).toBe(3);
    expect((await abu.get(`/api/surveys/${survey.id}/answers/${org("山口市")}`)).status).toBe(200);
    // A draft is never shared.
    const table = await abu.get(`/api/surveys/${survey.id}/results/table?include=all`);
    expect(table.body.rows.map((r: { org: { name: string } }) => r.org.name)).not.toContain("美祢市");
    // Staff-only results stay closed to them.
    const own = await publishedSurvey(env, { title: "非公開の照会" });
    await submit("abu@example.jp", "阿武町", sampleAnswer(), own);
    await sec.post(`/api/surveys/${own.id}/close`);
    expect((await abu.get(`/api/surveys/${own.id}/results`)).status).toBe(403);
    expect((await abu.get(`/api/surveys/${own.id}/answers/${org("阿武町")}`)).status).toBe(200);
  });
});
