import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mammoth from "mammoth";
import { beforeAll, describe, expect, it } from "vitest";
import { type Client, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { jst, makeMeeting, startedYesterday } from "./test-support.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

const download = async (client: Client, url: string) => {
  const res = await env.app.inject({ method: "GET", url, headers: { cookie: client.cookie } });
  return { status: res.statusCode, type: String(res.headers["content-type"]), bytes: res.rawPayload };
};

/** pdftotext (poppler), an independent reader: the text of each page in reading order. */
function pdfText(bytes: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "minutes-"));
  const file = path.join(dir, "m.pdf");
  fs.writeFileSync(file, bytes);
  try {
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Spaces (including the ideographic 「　」, which readers lay out as spaces) compared as one. */
const norm = (s: string) => s.replace(/[\s\u3000]+/g, " ");

/** Each part is found after the previous one. */
const inOrder = (raw: string, parts: string[]) => {
  const text = norm(raw);
  let from = 0;
  for (const p of parts) {
    const part = norm(p);
    const at = text.indexOf(part, from);
    expect(at, `「${part}」 after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + part.length;
  }
};

const longProceedings = Array.from(
  { length: 40 },
  (_, i) => `- 第${i + 1}の論点について意見を交換した。各団体の状況を確認した。`,
).join("\n");

async function publishedMinutes() {
  const sec = await env.as("secretariat@example.jp");
  const abu = await env.as("abu@example.jp");
  const m = await makeMeeting(env, env.demo.bodies.council, { startsAt: jst(20, 14), endsAt: jst(20, 16) });
  const detail = (await sec.post(`/api/meetings/${m.id}/agenda`, { title: "ガバメントクラウド移行の進捗", minutesRequested: 30 }))
    .body;
  const itemId = detail.agenda[0].id as string;
  await sec.post(`/api/meetings/${m.id}/announce`, {});
  await abu.put(`/api/meetings/${m.id}/attendance/${env.demo.orgs.阿武町}`, {
    mode: "online",
    attendees: ["阿武 由美"],
    note: "",
  });
  await startedYesterday(env, m.id);
  expect((await sec.post(`/api/meetings/${m.id}/held`)).status).toBe(200);
  const md = `## 移行状況の報告\n\n事務局から各団体の移行状況を報告した。\n\n| 団体 | 状況 |\n| --- | --- |\n| 阿武町 | 移行完了 |\n| 周南市 | 作業中 |\n\n${longProceedings}\n\n**質疑**では、費用負担について意見があった。`;
  await sec.put(`/api/meetings/${m.id}/minutes`, { bodyMd: md, outcomes: { [itemId]: "移行計画を了承した。" } });
  return { m, sec, abu };
}

describe("議事録 as PDF and Word", () => {
  it("the PDF reads back (pdftotext) with the usual sections in order, the table and 「n / N」 page numbers", async () => {
    const { m, sec, abu } = await publishedMinutes();
    // A member sees nothing before publication; the secretariat gets the draft marked 案.
    expect((await download(abu, `/api/meetings/${m.id}/minutes.pdf`)).status).toBe(404);
    const draft = await download(sec, `/api/meetings/${m.id}/minutes.pdf`);
    expect(draft.status).toBe(200);
    expect(pdfText(draft.bytes)).toContain("（案）");
    await sec.post(`/api/meetings/${m.id}/minutes/approve`);
    await sec.post(`/api/meetings/${m.id}/minutes/publish`);

    const pdf = await download(abu, `/api/meetings/${m.id}/minutes.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe("application/pdf");
    const text = pdfText(pdf.bytes);
    inOrder(text, [
      m.name,
      "議事録",
      "1　日時",
      "2　場所",
      "山口県庁 共用第1会議室",
      "3　出席者",
      "阿武町　阿武 由美（オンライン）",
      "4　次第",
      "1　ガバメントクラウド移行の進捗",
      "5　議事の経過",
      "移行状況の報告",
      "移行完了",
      "第40の論点",
      "質疑では、費用負担",
      "6　決定事項",
      "移行計画を了承した。",
    ]);
    expect(text).not.toContain("**");
    expect(text).not.toContain("（案）");
    const pages = text.split("\f").filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(1);
    for (const [i, p] of pages.entries()) expect(p).toMatch(new RegExp(`\\b${i + 1}\\s*/\\s*${pages.length}\\s*$`));
  });

  it("the Word file reads back (mammoth) with the same sections in order; a town without access gets 404", async () => {
    const { m, sec } = await publishedMinutes();
    await sec.post(`/api/meetings/${m.id}/minutes/approve`);
    await sec.post(`/api/meetings/${m.id}/minutes/publish`);
    const abu = await env.as("abu@example.jp");
    const docx = await download(abu, `/api/meetings/${m.id}/minutes.docx`);
    expect(docx.status).toBe(200);
    expect(docx.type).toContain("wordprocessingml");
    const { value } = await mammoth.extractRawText({ buffer: docx.bytes });
    inOrder(value, [
      `${m.name} 議事録`,
      "1　日時",
      "2　場所",
      "3　出席者",
      "阿武町　阿武 由美",
      "4　次第",
      "5　議事の経過",
      "移行状況の報告",
      "阿武町",
      "移行完了",
      "6　決定事項",
      "移行計画を了承した。",
    ]);
    const html = (await mammoth.convertToHtml({ buffer: docx.bytes })).value;
    expect(html).toMatch(/<table>[\s\S]*団体[\s\S]*移行完了[\s\S]*<\/table>/);
    expect(html).toContain("<h1><strong>5　議事の経過</strong></h1>");
    // The RPA working group is members-only; 阿武町 is not a member of it.
    const rpa = await makeMeeting(env, env.demo.bodies.wgRpa);
    expect((await download(abu, `/api/meetings/${rpa.id}/minutes.docx`)).status).toBe(404);
    expect((await download(env.anon, `/api/meetings/${m.id}/minutes.docx`)).status).toBe(401);
  });
});
