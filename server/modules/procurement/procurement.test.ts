import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { sampleAnswer } from "../surveys/fixtures.js";
import { publishedSurvey } from "../surveys/test-helpers.js";

let env: TestEnv;
/** A download's bytes as sent (the JSON client decodes text). */
async function bytes(url: string, who = "secretariat@example.jp") {
  const res = await env.app.inject({ method: "GET", url, headers: { cookie: (await env.as(who)).cookie } });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.rawPayload;
}
let orgs: Map<string, { id: string; population: number | null }>;
const members = ["山口県", "下関市", "宇部市", "山口市", "防府市", "長門市", "美祢市", "周南市", "和木町", "田布施町", "阿武町"]; // in 団体コード order

beforeAll(async () => {
  env = await testEnv();
  const rows = await env.database.db.selectFrom("orgs").select(["id", "name", "population"]).execute();
  orgs = new Map(rows.map((o) => [o.name, { id: o.id, population: o.population }]));
});

const staff = () => env.as("secretariat@example.jp");
const orgId = (name: string) => orgs.get(name)!.id;

async function newProject(name = "AI-OCR共同利用 令和8年度") {
  const res = await (await staff()).post("/api/procurement/projects", {
    name,
    kind: "ai_ocr",
    fiscalYearFrom: 2026,
    fiscalYearTo: 2027,
    vendor: "株式会社サンプル",
  });
  expect(res.status).toBe(201);
  const participants = members.map((n) => ({
    orgId: orgId(n),
    joinDate: n === "阿武町" ? "2026-10-01" : "2026-04-01",
    leaveDate: null,
  }));
  const put = await (await staff()).put(`/api/procurement/projects/${res.body.id}/participants`, { participants });
  expect(put.status).toBe(200);
  return put.body as { id: string; body: { name: string }; participants: unknown[] };
}

const ruleA = { equalPercent: "6", populationPercent: "94", usagePercent: "0", rounding: "down", remainder: "prefecture" };
const ruleB = {
  equalPercent: "10",
  populationPercent: "40",
  usagePercent: "50",
  rounding: "half_up",
  remainder: "fraction",
  usageLabel: "令和7年度 読取枚数",
};
const usageInputs = () =>
  Object.fromEntries(members.map((n, i) => [orgId(n), { usage: String(1000 * (i + 1)), min: null, max: null }]));

async function scenario(projectId: string, name: string, rule: object, inputs: object = {}, total = 12_345_678) {
  const res = await (await staff()).post(`/api/procurement/projects/${projectId}/scenarios`, {
    fiscalYear: 2026,
    name,
    total,
    rule,
    inputs,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe("procurement: projects and who sees them", () => {
  it("the secretariat creates a project under the RPA等共同利用WG by default (audited); towns may not", async () => {
    const p = await newProject();
    expect(p.body.name).toBe("RPA等共同利用WG");
    expect(p.participants).toHaveLength(11);
    expect((await lastAudit(env, "procurement.project.create"))?.subject_id).toBe(p.id);
    expect((await lastAudit(env, "procurement.participants.update"))?.subject_id).toBe(p.id);
    const body = { name: "x", kind: "rpa", fiscalYearFrom: 2026, fiscalYearTo: 2026 };
    expect((await (await env.as("yamaguchi@example.jp")).post("/api/procurement/projects", body)).status).toBe(403);
    expect((await env.anon.post("/api/procurement/projects", body)).status).toBe(401);
    expect((await env.anon.get(`/api/procurement/projects/${p.id}`)).status).toBe(401);
  });

  it("a town outside the WG gets 404; a member reads but may not edit", async () => {
    const p = await newProject();
    const kami = await env.as("kaminoseki@example.jp");
    expect((await kami.get(`/api/procurement/projects/${p.id}`)).status).toBe(404);
    expect((await kami.get("/api/procurement/projects")).body.items.map((i: { id: string }) => i.id)).not.toContain(p.id);
    expect((await (await env.as("observer@example.jp")).get(`/api/procurement/projects/${p.id}`)).status).toBe(404);
    const yama = await env.as("yamaguchi@example.jp");
    expect((await yama.get(`/api/procurement/projects/${p.id}`)).body.abilities).toEqual({ canEdit: false, canSeeTable: false });
    expect((await yama.patch(`/api/procurement/projects/${p.id}`, { vendor: "x" })).status).toBe(403);
    expect((await kami.patch(`/api/procurement/projects/${p.id}`, { vendor: "x" })).status).toBe(404);
  });

  it("leave before join is refused naming the town and the field; nothing changes", async () => {
    const p = await newProject();
    const res = await (await staff()).put(`/api/procurement/projects/${p.id}/participants`, {
      participants: [
        { orgId: orgId("山口市"), joinDate: "2026-04-01", leaveDate: null },
        { orgId: orgId("萩市"), joinDate: "2026-10-01", leaveDate: "2026-09-30" },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("萩市");
    expect(res.body.error.details.issues).toEqual([
      { path: "participants.1.leaveDate", message: expect.stringContaining("脱退日") },
    ]);
    expect((await (await staff()).get(`/api/procurement/projects/${p.id}`)).body.participants).toHaveLength(11);
  });
});

describe("procurement: scenarios", () => {
  it("refuses percentages not totalling 100%, missing usage, a negative or absurd total, naming participant and field", async () => {
    const p = await newProject();
    const post = async (body: object) =>
      (await staff()).post(`/api/procurement/projects/${p.id}/scenarios`, {
        fiscalYear: 2026,
        name: "案",
        total: 1000,
        rule: ruleA,
        ...body,
      });
    const pct = await post({ rule: { ...ruleA, populationPercent: "93" } });
    expect(pct.status).toBe(400);
    expect(pct.body.error.details.issues[0]).toEqual({ path: "rule.percent", message: expect.stringContaining("99%") });
    const usage = await post({ rule: ruleB, inputs: { [orgId("山口市")]: { usage: "10" } } });
    expect(usage.status).toBe(400);
    expect(usage.body.error.details.issues).toContainEqual({
      path: `inputs.${orgId("下関市")}.usage`,
      message: "下関市：利用量がありません。",
    });
    expect((await post({ total: -5 })).status).toBe(400);
    expect((await post({ total: 10 ** 13 })).body.error.details.issues[0].path).toBe("total");
    expect((await post({ fiscalYear: 2030 })).body.error.details.issues[0].path).toBe("fiscalYear");
    expect((await (await staff()).get(`/api/procurement/projects/${p.id}`)).body.scenarios).toEqual([]);
  });

  it("two scenarios compared per town; a town sees its own share until the table opens", async () => {
    const p = await newProject();
    const a = await scenario(p.id, "均等割6%・人口割94%", ruleA);
    const b = await scenario(p.id, "利用割あり", ruleB, usageInputs());
    expect(a.rows.reduce((s: number, r: { amount: number }) => s + r.amount, 0)).toBe(12_345_678);
    expect(b.rows.reduce((s: number, r: { amount: number }) => s + r.amount, 0)).toBe(12_345_678);
    expect(a.rows.find((r: { org: { name: string } }) => r.org.name === "阿武町").months).toBe(6);
    expect((await lastAudit(env, "procurement.scenario.create"))?.subject_id).toBe(b.id);

    const cmp = await (await staff()).get(`/api/procurement/compare?a=${a.id}&b=${b.id}`);
    expect(cmp.status).toBe(200);
    expect(cmp.body.rows).toHaveLength(11);
    expect(cmp.body.rows.reduce((s: number, r: { difference: number }) => s + r.difference, 0)).toBe(0);

    const yama = await env.as("yamaguchi@example.jp");
    const own = (await yama.get(`/api/procurement/scenarios/${a.id}`)).body;
    expect(own.view).toBe("own");
    expect(own.rows.map((r: { org: { name: string } }) => r.org.name)).toEqual(["山口市"]);
    expect(own.rule.populationPercent).toBe("94");
    expect((await yama.get(`/api/procurement/scenarios/${a.id}/table.xlsx`)).status).toBe(403);
    expect((await (await env.as("kaminoseki@example.jp")).get(`/api/procurement/scenarios/${a.id}`)).status).toBe(404);
    await (await staff()).patch(`/api/procurement/projects/${p.id}`, { tableOpen: true });
    expect((await yama.get(`/api/procurement/scenarios/${a.id}`)).body.rows).toHaveLength(11);
  });

  it("freezes one as agreed; a frozen allocation never changes; a correction is a new version with a reason", async () => {
    const p = await newProject();
    const a = await scenario(p.id, "案A", ruleA);
    const b = await scenario(p.id, "案B", ruleB, usageInputs());
    const frozen = await (await staff()).post(`/api/procurement/scenarios/${a.id}/freeze`);
    expect(frozen.status).toBe(200);
    expect(frozen.body).toMatchObject({ status: "frozen", agreed: true, frozenBy: "県 事務局 担当" });
    expect((await lastAudit(env, "procurement.scenario.freeze"))?.subject_id).toBe(a.id);

    // Populations change afterwards: the frozen allocation keeps the figures it was agreed on.
    await env.database.db.updateTable("orgs").set({ population: 999_999 }).where("id", "=", orgId("宇部市")).execute();
    const again = (await (await staff()).get(`/api/procurement/scenarios/${a.id}`)).body;
    expect(again.rows).toEqual(frozen.body.rows);
    await env.database.db
      .updateTable("orgs")
      .set({ population: orgs.get("宇部市")!.population })
      .where("id", "=", orgId("宇部市"))
      .execute();

    const edit = await (await staff()).patch(`/api/procurement/scenarios/${a.id}`, { total: 1 });
    expect(edit.status).toBe(409);
    expect(edit.body.error.message).toContain("訂正版");
    expect((await (await staff()).post(`/api/procurement/scenarios/${b.id}/freeze`)).status).toBe(409);
    await expect(
      env.database.db.updateTable("procurement_scenarios").set({ total: 1 }).where("id", "=", a.id).execute(),
    ).rejects.toThrow(/frozen/);

    expect((await (await staff()).post(`/api/procurement/scenarios/${a.id}/corrections`, { reason: "" })).status).toBe(400);
    const fix = await (await staff()).post(`/api/procurement/scenarios/${a.id}/corrections`, {
      reason: "総額の誤り（契約変更）",
    });
    expect(fix.status).toBe(201);
    expect(fix.body).toMatchObject({ version: 3, status: "draft", supersedesId: a.id, reason: "総額の誤り（契約変更）" });
    expect((await lastAudit(env, "procurement.scenario.correct"))?.subject_id).toBe(fix.body.id);
    expect((await (await staff()).patch(`/api/procurement/scenarios/${fix.body.id}`, { total: 12_000_000 })).status).toBe(200);
    expect(JSON.parse((await lastAudit(env, "procurement.scenario.update"))!.changes!)).toEqual({
      total: [12_345_678, 12_000_000],
    });
    expect((await (await staff()).post(`/api/procurement/scenarios/${fix.body.id}/freeze`)).body.agreed).toBe(true);
    const list = (await (await staff()).get(`/api/procurement/projects/${p.id}`)).body.scenarios;
    expect(list.find((s: { id: string }) => s.id === a.id)).toMatchObject({ status: "frozen", agreed: false, total: 12_345_678 });
  });
});

describe("procurement: usage from a spreadsheet", () => {
  it("imports usage per town from XLSX (SheetJS-written); an unknown town names its row and nothing changes", async () => {
    const p = await newProject();
    const b = await scenario(p.id, "利用割", ruleB, usageInputs());
    const book = (rows: unknown[][]) => {
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), "利用実績");
      return XLSX.write(wb, { type: "buffer", bookType: "xlsx" }) as Buffer;
    };
    const rows = [["団体コード", "団体名", "読取枚数"], ...members.map((n, i) => ["", n, 500 + i])];
    const sheet = (data: Buffer) =>
      env
        .as("secretariat@example.jp")
        .then((c) =>
          c.postForm(`/api/procurement/scenarios/${b.id}/usage.xlsx`, { label: "読取枚数" }, [{ name: "usage.xlsx", data }]),
        );
    const bad = await sheet(book([...rows, ["", "萩市", 3]]));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues).toEqual([
      { path: "file.13", message: "13行目：「萩市」はこの事業の参加団体ではありません" },
    ]);
    const ok = await sheet(book(rows));
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.inputs[orgId("山口市")].usage).toBe("503");
    expect(ok.body.rule).toMatchObject({ usageSource: "xlsx", usageLabel: "読取枚数" });
  });
});

describe("procurement: outputs", () => {
  let p: { id: string };
  let a: { id: string };
  beforeAll(async () => {
    p = await newProject("RPA共同利用 令和8年度");
    a = await scenario(p.id, "案A", ruleA);
    await (await staff()).post(`/api/procurement/scenarios/${a.id}/freeze`);
  });

  it("the 別表 XLSX holds real numbers that SheetJS reads and that sum to the total", async () => {
    const wb = XLSX.read(await bytes(`/api/procurement/scenarios/${a.id}/table.xlsx`), { type: "buffer" });
    expect(wb.SheetNames).toEqual(["別表"]);
    const grid = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets["別表"]!, { header: 1, raw: true });
    expect(grid[1]![0]).toBe("RPA共同利用 令和8年度　令和8年度　負担金額");
    const head = grid.findIndex((r) => r[0] === "団体コード");
    const amountCol = grid[head]!.indexOf("負担額（円）");
    const body = grid.slice(head + 1, head + 12);
    expect(body.map((r) => r[1])).toEqual(members);
    expect(body.every((r) => typeof r[amountCol] === "number")).toBe(true);
    expect(body.reduce((s, r) => s + (r[amountCol] as number), 0)).toBe(12_345_678);
    expect(grid[head + 12]![amountCol]).toBe(12_345_678);
  });

  it("the 別表 PDF and a town's notice read in 和暦 (pdftotext, qpdf)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "procure-"));
    const get = async (url: string, who = "secretariat@example.jp") => {
      const res = await env.app.inject({ method: "GET", url, headers: { cookie: (await env.as(who)).cookie } });
      const file = path.join(dir, `${Math.random()}.pdf`);
      fs.writeFileSync(file, res.rawPayload);
      return { res, file };
    };
    const table = await get(`/api/procurement/scenarios/${a.id}/table.pdf`);
    expect(table.res.statusCode).toBe(200);
    execFileSync("qpdf", ["--check", table.file]);
    const text = execFileSync("pdftotext", ["-layout", table.file, "-"], { encoding: "utf8" });
    expect(text).toContain("令和8年度");
    expect(text).toContain("均等割 6%、人口割 94%");
    expect(text).toContain("12,345,678");
    const yama = (await (await staff()).get(`/api/procurement/scenarios/${a.id}`)).body.rows.find(
      (r: { org: { name: string } }) => r.org.name === "山口市",
    );
    const notice = await get(`/api/procurement/scenarios/${a.id}/notices/${orgId("山口市")}.pdf`, "yamaguchi@example.jp");
    expect(notice.res.statusCode).toBe(200);
    const n = execFileSync("pdftotext", ["-layout", notice.file, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
    expect(n).toContain("山口市長様");
    expect(n).toContain("負担金の額について（通知）");
    expect(n).toContain(`金${yama.amount.toLocaleString("ja-JP")}円`);
    expect(n).toContain("以上");
    expect(n).toContain("【問合せ先】");
    // A town gets its own notice only.
    expect(
      (await get(`/api/procurement/scenarios/${a.id}/notices/${orgId("周南市")}.pdf`, "yamaguchi@example.jp")).res.statusCode,
    ).toBe(404);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("the summary shows what each town pays per fiscal year across agreed allocations", async () => {
    const res = await (await staff()).get("/api/procurement/summary?fiscalYear=2026");
    expect(res.status).toBe(200);
    const yama = res.body.rows.find((r: { org: { name: string } }) => r.org.name === "山口市");
    expect(yama.byProject[a.id]).toBeGreaterThan(0);
    expect(yama.byYear["2026"]).toBe(Object.values(yama.byProject as Record<string, number>).reduce((s, v) => s + v, 0));
    const own = await (await env.as("yamaguchi@example.jp")).get("/api/procurement/summary");
    expect(own.body.rows.map((r: { org: { name: string } }) => r.org.name)).toEqual(["山口市"]);
    const wb = XLSX.read(await bytes("/api/procurement/summary.xlsx?fiscalYear=2026"), { type: "buffer" });
    const grid = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, raw: true });
    expect(grid[1]![1]).toBe("団体名");
    expect(grid.find((r) => r[1] === "山口市")!.at(-1)).toBe(yama.byYear["2026"]);
  });
});

describe("procurement: usage from a progress metric", () => {
  /** A seeded metric; four WG towns record their 令和7年度 values through the progress API, one town does not. */
  async function recordedMetric() {
    const m = await env.database.db
      .selectFrom("progress_metrics as m")
      .innerJoin("progress_items as i", "i.id", "m.item_id")
      .select(["m.id", "m.item_id"])
      .where("m.archived", "=", 0)
      .where("i.archived", "=", 0)
      .orderBy("m.code")
      .executeTakeFirstOrThrow();
    const fiscalYear = 2031; // a year the demo records nothing for
    const values = new Map([
      [orgId("下関市"), 1200],
      [orgId("宇部市"), 800.5],
      [orgId("山口市"), 950],
      [orgId("和木町"), 40],
    ]);
    for (const [org, value] of values) {
      const res = await (await staff()).patch(`/api/progress/records/${org}/${m.item_id}`, {
        metrics: [{ metricId: m.id, fiscalYear, value }],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    return { metricId: m.id, fiscalYear, values, missing: orgId("阿武町") };
  }

  it("takes each participant's value as its usage (audited); a town without a value is named and nothing changes", async () => {
    const m = await recordedMetric();
    const res = await (await staff()).post("/api/procurement/projects", {
      name: "電子申請共同利用",
      kind: "rpa",
      fiscalYearFrom: 2026,
      fiscalYearTo: 2026,
    });
    const pid = res.body.id as string;
    const put = (ids: string[]) =>
      staff().then((c) =>
        c.put(`/api/procurement/projects/${pid}/participants`, {
          participants: ids.map((id) => ({ orgId: id, joinDate: "2026-04-01", leaveDate: null })),
        }),
      );
    expect((await put([...m.values.keys()])).status).toBe(200);
    const typed = Object.fromEntries([...m.values.keys()].map((o) => [o, { usage: "1", min: null, max: null }]));
    const s = await scenario(pid, "利用割あり", { ...ruleB, usageLabel: "" }, typed, 1_000_000);
    const url = `/api/procurement/scenarios/${s.id}/usage/from-progress`;
    const body = { metricId: m.metricId, fiscalYear: m.fiscalYear };

    expect((await env.anon.post(url, body)).status).toBe(401);
    expect((await (await env.as("yamaguchi@example.jp")).post(url, body)).status).toBe(403);
    expect((await (await env.as("kaminoseki@example.jp")).post(url, body)).status).toBe(404);

    const ok = await (await staff()).post(url, body);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    for (const [org, value] of m.values) expect(Number(ok.body.inputs[org].usage)).toBeCloseTo(value, 3);
    expect(ok.body.rule.usageSource).toBe("progress");
    expect(ok.body.rule.usageLabel).toContain("令和13年度");
    expect(ok.body.problems).toEqual([]);
    expect((await lastAudit(env, "procurement.scenario.update"))?.subject_id).toBe(s.id);

    expect((await put([...m.values.keys(), m.missing])).status).toBe(200);
    const before = (await (await staff()).get(`/api/procurement/scenarios/${s.id}`)).body;
    const refused = await (await staff()).post(url, body);
    expect(refused.status).toBe(400);
    const town = [...orgs].find(([, o]) => o.id === m.missing)![0];
    expect(refused.body.error.message).toContain(town);
    expect(refused.body.error.details.issues[0].path).toBe(`inputs.${m.missing}.usage`);
    expect((await (await staff()).get(`/api/procurement/scenarios/${s.id}`)).body.inputs).toEqual(before.inputs);

    const unknown = await (await staff()).post(url, { ...body, metricId: s.id });
    expect(unknown.status).toBe(404);
  });
});

describe("procurement: usage from a survey question", () => {
  it("takes each participant's submitted number (audited); a town that has not submitted is named and nothing changes", async () => {
    const survey = await publishedSurvey(env);
    const staffCount = new Map([
      ["yamaguchi@example.jp", ["山口市", 12]],
      ["shunan@example.jp", ["周南市", 7]],
      ["mine@example.jp", ["美祢市", 3]],
    ] as const);
    for (const [who, [town, n]] of staffCount) {
      const res = await (await env.as(who)).post(`/api/surveys/${survey.id}/answers/${orgId(town)}/submit`, {
        version: 0,
        data: sampleAnswer({ staff: n }),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const towns = [...staffCount.values()].map(([t]) => orgId(t));
    const created = await (await staff()).post("/api/procurement/projects", {
      name: "文書管理共同利用",
      kind: "rpa",
      fiscalYearFrom: 2026,
      fiscalYearTo: 2026,
    });
    const pid = created.body.id as string;
    const put = (ids: string[]) =>
      staff().then((c) =>
        c.put(`/api/procurement/projects/${pid}/participants`, {
          participants: ids.map((id) => ({ orgId: id, joinDate: "2026-04-01", leaveDate: null })),
        }),
      );
    expect((await put(towns)).status).toBe(200);
    const typed = Object.fromEntries(towns.map((o) => [o, { usage: "1", min: null, max: null }]));
    const s = await scenario(pid, "職員数割", { ...ruleB, usageLabel: "" }, typed, 500_000);
    const url = `/api/procurement/scenarios/${s.id}/usage/from-survey`;
    const body = { surveyId: survey.id, questionId: "staff" };

    expect((await env.anon.post(url, body)).status).toBe(401);
    expect((await (await env.as("yamaguchi@example.jp")).post(url, body)).status).toBe(403);
    expect((await (await env.as("kaminoseki@example.jp")).post(url, body)).status).toBe(404);
    expect((await (await staff()).post(url, { ...body, questionId: "dept" })).status).toBe(400);

    const ok = await (await staff()).post(url, body);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(towns.map((t) => ok.body.inputs[t].usage)).toEqual(["12", "7", "3"]);
    expect(ok.body.rule).toMatchObject({ usageSource: "survey", usageLabel: expect.stringContaining("担当職員数") });
    expect((await lastAudit(env, "procurement.scenario.update"))?.subject_id).toBe(s.id);

    expect((await put([...towns, orgId("阿武町")])).status).toBe(200);
    const before = (await (await staff()).get(`/api/procurement/scenarios/${s.id}`)).body;
    const refused = await (await staff()).post(url, body);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain("阿武町");
    expect((await (await staff()).get(`/api/procurement/scenarios/${s.id}`)).body.inputs).toEqual(before.inputs);
  });
});
