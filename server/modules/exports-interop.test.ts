import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { type TestEnv, testEnv } from "../platform/testing/harness.js";

/**
 * Exports as an official opens them: read back by SheetJS (XLSX) and iconv-lite (CSV), readers
 * this project does not write with, on data with the characters and punctuation that break files.
 */
let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

const subject = '=HYPERLINK("x") 髙﨑𠮷〜−,;"\n二行目';

async function bytesOf(url: string, email = "secretariat@example.jp") {
  const c = await env.as(email);
  const res = await env.app.inject({ method: "GET", url, headers: { cookie: c.cookie } });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload };
}

describe("exports read back by independent readers", () => {
  it("consultation list: XLSX with typed cells, CSV in UTF-8 with the formula neutralised", async () => {
    const kami = await env.as("kaminoseki@example.jp");
    const made = await kami.post("/api/consultations", { category: "other", subject, body: "本文 髙﨑" });
    expect(made.status).toBe(201);

    const xlsx = await bytesOf("/api/consultations/export?format=xlsx");
    expect(xlsx.status).toBe(200);
    const wb = XLSX.read(xlsx.bytes, { type: "buffer", cellDates: true });
    expect(wb.SheetNames).toEqual(["相談一覧"]);
    const rows = XLSX.utils.sheet_to_json(wb.Sheets["相談一覧"]!, { header: 1, raw: true }) as unknown[][];
    const row = rows.find((r) => r[3] === subject)!;
    expect(row).toBeTruthy();
    expect(row[0]).toBeInstanceOf(Date); // 受付日: an Excel date and time
    expect(row[7]).toBeInstanceOf(Date); // 初回回答期限: an Excel date
    const cell = Object.entries(wb.Sheets["相談一覧"]!).find(
      ([, c]) => (c as XLSX.CellObject).v === subject,
    )![1] as XLSX.CellObject;
    expect(cell.t).toBe("s");
    expect(cell.f).toBeUndefined();

    const csv = await bytesOf("/api/consultations/export?format=csv");
    expect(String(csv.headers["content-type"])).toBe("text/csv; charset=utf-8");
    const text = iconv.decode(csv.bytes, "utf8");
    const back = XLSX.read(text, { type: "string", raw: true });
    const csvRows = XLSX.utils.sheet_to_json(back.Sheets[back.SheetNames[0]!]!, { header: 1, raw: false }) as string[][];
    expect(csvRows.some((r) => r[3] === `'${subject}`)).toBe(true);
  });

  it("consultation report: valid sheet names, print titles on every sheet", async () => {
    const xlsx = await bytesOf("/api/consultations/reports/export?format=xlsx&from=2025-04&to=2026-03");
    expect(xlsx.status).toBe(200);
    const wb = XLSX.read(xlsx.bytes, { type: "buffer" });
    expect(wb.SheetNames).toEqual(["月別・分類別", "団体別", "月別・目標達成", "月別・受付方法"]);
    const titles = ((wb.Workbook?.Names ?? []) as { Name: string }[]).filter((n) => n.Name === "_xlnm.Print_Titles");
    expect(titles).toHaveLength(4);
  });

  it("audit CSV: Japan time, quotes and line breaks survive iconv and an RFC 4180 reader", async () => {
    const sec = await env.as("secretariat@example.jp");
    const org = await sec.post("/api/orgs", { kind: "other", name: '髙﨑𠮷〜−,;"協議会', kana: "たかさき" });
    expect(org.status).toBe(201);
    const csv = await bytesOf("/api/audit/export.csv?event=org.create");
    expect(csv.headers["x-text-encoding"]).toBe("UTF-8 (BOM)");
    const text = iconv.decode(csv.bytes, "utf8");
    const wb = XLSX.read(text, { type: "string", raw: true });
    const rows = XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, raw: false }) as string[][];
    expect(rows[0]![0]).toBe("日時（日本時間）");
    const mine = rows.find((r) => r[6] === org.body.id)!;
    expect(mine[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(JSON.parse(mine[7]!).after.name).toBe('髙﨑𠮷〜−,;"協議会');
  });

  it("progress CSV in Shift_JIS (CP932): names the characters it could not write", async () => {
    const sec = await env.as("secretariat@example.jp");
    const programmes = (await sec.get("/api/progress/programmes")).body.items as { id: string }[];
    const res = await bytesOf(`/api/progress/export?programmeId=${programmes[0]!.id}&format=csv&encoding=sjis`);
    expect(res.status).toBe(200);
    expect(res.headers["x-text-encoding"]).toBe("Shift_JIS (Windows / CP932)");
    const text = iconv.decode(res.bytes, "cp932");
    expect(text).not.toContain("\ufffd");
    // The demo data holds no character outside CP932, so nothing is reported.
    expect(res.headers["x-unencodable-characters"]).toBeUndefined();
  });
});
