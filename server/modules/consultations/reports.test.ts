import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { jstDate } from "../../../shared/dates/jst.js";
import { type TestEnv, testEnv } from "../../platform/testing/harness.js";

let env: TestEnv;
const month = jstDate().slice(0, 7);
const reportUrl = `/api/consultations/reports?from=${month}&to=${month}`;

beforeAll(async () => {
  env = await testEnv();
  for (const [email, subject, category] of [
    ["kaminoseki@example.jp", '=HYPERLINK("x")上関の相談', "standardisation"],
    ["kaminoseki@example.jp", "上関のセキュリティ相談", "security"],
    ["yamaguchi@example.jp", "山口市の相談", "online"],
  ] as const) {
    const c = await env.as(email);
    expect((await c.post("/api/consultations", { category, subject, body: "本文" })).status).toBe(201);
  }
  const spec = await env.as("specialist@example.jp");
  const first = (await spec.get("/api/consultations?sort=newest")).body.items.at(-1);
  await spec.post(`/api/consultations/${first.id}/messages`, { body: "回答します。", status: "resolved" });
});

describe("reports", () => {
  it("counts by month, category and municipality, with times and small municipalities marked", async () => {
    const sec = await env.as("secretariat@example.jp");
    const r = await sec.get(reportUrl);
    expect(r.status).toBe(200);
    expect(r.body.byMonthCategory[0]).toMatchObject({ month, total: 3, counts: { standardisation: 1, security: 1, online: 1 } });
    const kami = r.body.byOrg.find((o: { name: string }) => o.name === "上関町");
    expect(kami).toMatchObject({ total: 2, isSmall: true });
    expect(r.body.byOrg.find((o: { name: string }) => o.name === "山口市").isSmall).toBe(false);
    expect(kami.firstResponse).toMatchObject({ count: 1, met: 1, avgDays: 0 });
    expect(r.body.totals.count).toBe(3);
  });

  it("is for prefecture staff: 401 signed out, 403 for municipal users and observers, 400 for a reversed range", async () => {
    expect((await env.anon.get(reportUrl)).status).toBe(401);
    expect((await env.anon.get(`${reportUrl.replace("reports?", "reports/export?")}`)).status).toBe(401);
    for (const email of ["kaminoseki@example.jp", "observer@example.jp"]) {
      const c = await env.as(email);
      expect((await c.get(reportUrl)).status).toBe(403);
      expect((await c.get(reportUrl.replace("reports?", "reports/export?"))).status).toBe(403);
    }
    const sec = await env.as("secretariat@example.jp");
    const bad = await sec.get("/api/consultations/reports?from=2026-05&to=2026-01");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe("to");
  });

  it("exports the report as CSV (UTF-8 with BOM) and XLSX", async () => {
    const sec = await env.as("secretariat@example.jp");
    const csv = await sec.get(`/api/consultations/reports/export?from=${month}&to=${month}&format=csv`);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.text.startsWith("\uFEFF")).toBe(true);
    expect(csv.text).toContain("上関町,○,2");
    const res = await env.app.inject({
      method: "GET",
      url: `/api/consultations/reports/export?from=${month}&to=${month}&format=xlsx`,
      headers: { cookie: sec.cookie },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["月別・分類別", "団体別", "月別・目標達成", "月別・受付方法"]);
  });
});

describe("consultation list export", () => {
  it("gives each municipality only its own consultations, and staff all; formulas stay text", async () => {
    const kami = await env.as("kaminoseki@example.jp");
    const own = await kami.get("/api/consultations/export?format=csv");
    expect(own.status).toBe(200);
    expect(own.headers["content-disposition"]).toContain("attachment");
    expect(own.text).toContain("上関のセキュリティ相談");
    expect(own.text).toContain("'=HYPERLINK");
    expect(own.text).not.toContain("山口市の相談");
    const yama = await env.as("yamaguchi@example.jp");
    const theirs = await yama.get("/api/consultations/export?format=xlsx");
    expect(theirs.status).toBe(200);
    const sec = await env.as("secretariat@example.jp");
    const all = await sec.get("/api/consultations/export");
    expect(all.text).toContain("山口市の相談");
    expect(all.text).toContain("上関のセキュリティ相談");
    expect((await env.anon.get("/api/consultations/export")).status).toBe(401);
    expect((await (await env.as("observer@example.jp")).get("/api/consultations/export")).status).toBe(403);
  });
});
