import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fiscalYearAt, jstInstant } from "../../../shared/dates/jst.js";
import { type Client, type TestEnv, testEnv } from "../../platform/testing/harness.js";

/** Issue 15, deliverable 1: the yearly plan printed (A4 landscape PDF), judged by qpdf and poppler's pdftotext. */
let env: TestEnv;
let sec: Client;
const fy = fiscalYearAt();

beforeAll(async () => {
  env = await testEnv();
  sec = await env.as("secretariat@example.jp");
  const b = env.demo.bodies;
  const add = async (body: Record<string, unknown>) =>
    expect((await sec.post(`/api/year-plans/${fy}/entries`, body)).status).toBe(201);
  await add({ type: "meeting", bodyId: b.council, title: "第1回 連携会議", startDate: `${fy}-06-01`, endDate: `${fy}-06-30` });
  await add({ type: "meeting", bodyId: b.divide, title: "部会 祝日", startDate: `${fy}-05-05`, endDate: `${fy}-05-05` });
  await add({ type: "meeting", bodyId: b.wgRpa, title: "RPA WG 秘密の予定", startDate: `${fy}-09-01`, endDate: `${fy}-09-30` });
  await add({ type: "milestone", title: "国の概算要求締切", startDate: `${fy}-08-31`, endDate: `${fy}-08-31` });
  // A council meeting held on 10 June matches the June window: planned against held.
  const at = (hm: string) => jstInstant(`${fy}-06-10`, hm).toISOString();
  const m = await sec.post("/api/meetings", { bodyId: b.council, kind: "online", startsAt: at("14:00"), endsAt: at("15:00") });
  expect(m.status).toBe(201);
  await env.ctx.db.updateTable("meetings").set({ status: "held" }).where("id", "=", m.body.id).execute();
});

async function download(c: Client | null, url = `/api/year-plans/${fy}/plan.pdf`) {
  const res = await env.app.inject({ method: "GET", url, headers: c ? { cookie: c.cookie } : {} });
  return { status: res.statusCode, bytes: res.rawPayload, headers: res.headers };
}

/** qpdf must find the file sound; pdftotext gives the text in reading order and the page count. */
function judge(bytes: Buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "year-plan-"));
  const file = path.join(dir, "plan.pdf");
  fs.writeFileSync(file, bytes);
  try {
    execFileSync("qpdf", ["--check", file]);
    const info = execFileSync("pdfinfo", [file]).toString();
    return {
      text: execFileSync("pdftotext", ["-layout", file, "-"]).toString(),
      pages: Number(/Pages:\s+(\d+)/.exec(info)![1]),
      size: /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!.slice(1).map(Number),
      fonts: execFileSync("pdffonts", [file]).toString(),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Each part found after the one before; runs of spaces (pdftotext lays out a full-width space as several) count as one. */
const inOrder = (layout: string, parts: string[]) => {
  const flat = (s: string) => s.replace(/[\s\u3000]+/g, " ");
  const text = flat(layout);
  let at = -1;
  for (const p of parts.map(flat)) {
    const next = text.indexOf(p, at + 1);
    expect(next, `「${p}」 after position ${at}`).toBeGreaterThan(at);
    at = next;
  }
};

describe("the yearly plan as a PDF", () => {
  it("prints the timeline, milestones, clash warnings and planned against held, in that order, A4 landscape", async () => {
    const res = await download(sec);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(String(res.headers["content-disposition"])).toContain(encodeURIComponent("年間計画.pdf"));
    const pdf = judge(res.bytes);
    // The timeline and its sections on the first page; 「４　計画と実績」 starts the second rather than be left alone.
    expect(pdf.pages).toBe(2);
    // A4 landscape: 842 × 595 points.
    expect(pdf.size.map(Math.round)).toEqual([842, 595]);
    // The Japanese text comes from the bundled Noto Sans JP, embedded with only the glyphs used (the whole font is megabytes).
    expect(pdf.fonts).toMatch(/NotoSansJP\S*\s+CID TrueType\s+Identity-H\s+yes/);
    expect(res.bytes.length).toBeLessThan(300_000);
    expect(pdf.text).toMatch(/令和\d+年度 年間計画/);
    inOrder(pdf.text, [
      "山口県",
      "年間計画",
      "計画した会議は3件で、うち開催済み1件、日程決定0件、未開催（予定時期を経過）",
      "１　会議体別の開催時期",
      "会議体",
      "4月",
      "3月",
      // The council's row (its name wraps in the first column), with its June meeting held on the 10th.
      "山口県デジタル・ガバメント",
      "●10日",
      "期限・節目",
      "◆31日",
      "（凡例）",
      "２　国の期限・節目",
      "国の概算要求締切",
      "３　日程の注意",
      "部会 祝日",
      "閉庁日（祝日（こど",
      "４　計画と実績",
      "第1回 連携会議",
      "開催済み",
      "以上",
    ]);
    expect(pdf.text).toContain("RPA WG 秘密の予定");
    expect(pdf.text).toMatch(/1\s*\/\s*2/);
    expect(pdf.text.split("\f")[1]).toMatch(/^\s*４\s+計画と実績/);
  });

  it("leaves out what the reader may not see; refuses the signed-out and a year out of range", async () => {
    const town = await download(await env.as("kaminoseki@example.jp"));
    expect(town.status).toBe(200);
    const text = judge(town.bytes).text;
    expect(text).toContain("第1回 連携会議");
    expect(text).not.toContain("RPA WG 秘密の予定");
    expect(text).not.toContain("RPA等共同利用WG");
    expect((await download(null)).status).toBe(401);
    const bad = await download(sec, "/api/year-plans/1999/plan.pdf");
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.bytes.toString()).error.details.issues[0].message).toBe("年度は2000〜2100の範囲で指定してください");
  });

  it("flows a long year over several pages with the header row repeated, numbered n / N", async () => {
    const add = (i: number) =>
      sec.post(`/api/year-plans/${fy + 1}/entries`, {
        type: "meeting",
        bodyId: env.demo.bodies.wgStandard,
        title: `標準化WG 作業部会 第${i}回`,
        startDate: `${fy + 1}-${String((i % 9) + 4).padStart(2, "0")}-1${i % 10}`,
        endDate: `${fy + 1}-${String((i % 9) + 4).padStart(2, "0")}-1${i % 10}`,
      });
    for (let i = 1; i <= 40; i++) expect((await add(i)).status).toBe(201);
    const pdf = judge((await download(sec, `/api/year-plans/${fy + 1}/plan.pdf`)).bytes);
    expect(pdf.pages).toBeGreaterThan(1);
    const footers = pdf.text.match(/\d+\s*\/\s*\d+\s*$/gm)!.map((f) => f.replace(/\s/g, ""));
    expect(footers).toEqual(Array.from({ length: pdf.pages }, (_, i) => `${i + 1}/${pdf.pages}`));
    // 「４　計画と実績」 runs over pages: its header row appears again on the next page.
    expect(pdf.text.split("予定時期").length - 1).toBeGreaterThan(1);
    expect(pdf.text).toContain("標準化WG 作業部会 第40回");
  });
});
