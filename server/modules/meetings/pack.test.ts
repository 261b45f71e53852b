import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { buildPack, type PackInput } from "./pack-pdf.js";
import { makeMeeting, samplePdf } from "./test-support.js";

/**
 * The meeting pack read back with tools we did not write: qpdf (structure, page count, encryption)
 * and poppler (pdftotext for the text, pdftoppm to render the pages).
 */
let env: TestEnv;
let dir: string;
beforeAll(async () => {
  env = await testEnv();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-pack-"));
});

const write = (name: string, bytes: Buffer | Uint8Array) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
};
/** A PDF protected with qpdf: AES-256, `open` as the open password ("" = none), every change forbidden. */
const encrypt = (plain: Buffer, open: string) => {
  const src = write(`plain-${open || "none"}.pdf`, plain);
  const out = path.join(dir, `enc-${open || "none"}.pdf`);
  execFileSync("qpdf", ["--encrypt", open, "ownerpw", "256", "--modify=none", "--", src, out]);
  return fs.readFileSync(out);
};
const download = async (cookie: string, url: string) => {
  const res = await env.app.inject({ method: "GET", url, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.rawPayload;
};
const qpdf = (file: string, ...args: string[]) => execFileSync("qpdf", [...args, file], { encoding: "utf8" });
const pageText = (file: string, page: number) =>
  execFileSync("pdftotext", ["-f", String(page), "-l", String(page), "-layout", file, "-"], { encoding: "utf8" });

describe("meeting pack", () => {
  it("includes an edit-protected PDF, lists an unreadable one as not included, numbers every page and gives start pages", async () => {
    const sec = await env.as("secretariat@example.jp");
    const m = await makeMeeting(env, env.demo.bodies.council);
    const first = (
      await sec.post(`/api/meetings/${m.id}/agenda`, { title: "国の動向について", presenter: "事務局", minutesRequested: 15 })
    ).body;
    const itemId = first.agenda[0].id;
    const national = await samplePdf("National", 2);
    const ownerOnly = encrypt(await samplePdf("Ministry notice", 3), "");
    expect(qpdf(write("owner.pdf", ownerOnly), "--show-encryption")).toContain("R = 6"); // really encrypted
    const withPassword = encrypt(await samplePdf("Secret", 1), "openpw");
    for (const [name, data] of [
      ["national.pdf", national],
      ["ministry.pdf", ownerOnly],
      ["secret.pdf", withPassword],
      ["hollow.pdf", Buffer.from("%PDF-1.4\n% a header and nothing else\n%%EOF\n")],
    ] as const)
      expect((await sec.postForm(`/api/meetings/${m.id}/materials`, { agendaItemId: itemId }, [{ name, data }])).status).toBe(
        201,
      );
    await sec.postForm(`/api/meetings/${m.id}/materials`, {}, [{ name: "memo.txt", data: Buffer.from("メモ") }]);

    const pack = await download(sec.cookie, `/api/meetings/${m.id}/pack.pdf`);
    const file = write("pack.pdf", pack);
    expect(qpdf(file, "--check")).toContain("No syntax or stream encoding errors");
    const pages = Number(qpdf(file, "--show-npages"));
    expect(pages).toBe(1 + 2 + 3); // cover, national, ministry; the password-protected one is not a blank page

    const cover = pageText(file, 1);
    expect(cover).toContain("国の動向について（事務局）");
    expect(cover).toContain("15分"); // digits keep normal spacing next to Japanese, not 「1 5 分」
    expect(cover).toMatch(/資料1-1\s+national（2ページ）\s+2\n/);
    expect(cover).toMatch(/資料1-2\s+ministry（3ページ）\s+4\n/);
    expect(cover).toMatch(/資料1-3\s+secret（閲覧用パスワードで保護されているため本冊子には/);
    expect(cover).toMatch(/資料1-4\s+hollow（PDFを読み込めなかったため/); // a header without pages: listed, never a 500
    expect(cover).toMatch(/参考資料1\s+memo（PDF以外のため/);
    expect(pageText(file, 4)).toContain("Ministry notice page 1");
    expect(pageText(file, 6)).toContain("Ministry notice page 3");
    expect(pageText(file, 6)).toContain("資料1-2");
    for (let p = 1; p <= pages; p++) expect(pageText(file, p)).toMatch(new RegExp(`${p}\\s*/\\s*${pages}`));

    // The pack's own weight (cover, font, stamps, page numbers) beyond the materials it carries.
    const overhead = pack.length - national.length - ownerOnly.length;
    expect(overhead).toBeLessThan(300 * 1024);

    // Cached per set of material versions: the same bytes again; a new material gives a new pack.
    const again = await download(sec.cookie, `/api/meetings/${m.id}/pack.pdf`);
    expect(Buffer.compare(again, pack)).toBe(0);
    const cacheDir = path.join(env.config.dataDir, "cache", "packs");
    const cached = () => fs.readdirSync(cacheDir).filter((f) => f.startsWith(m.id));
    expect(cached()).toHaveLength(1);
    await sec.postForm(`/api/meetings/${m.id}/materials`, { agendaItemId: itemId }, [
      { name: "more.pdf", data: await samplePdf("More", 1) },
    ]);
    const changed = await download(sec.cookie, `/api/meetings/${m.id}/pack.pdf`);
    expect(Number(qpdf(write("pack2.pdf", changed), "--show-npages"))).toBe(7);
    expect(cached()).toHaveLength(1);
  }, 60_000);

  it("renders every glyph of the subset font exactly as the full font does", async () => {
    const input: PackInput = {
      name: "令和8年度 第1回 山口県デジタル・ガバメント構築連携会議（臨時）",
      startsAt: "2026-05-20T05:00:00Z",
      endsAt: "2026-05-20T07:00:00Z",
      place: "山口県庁 共用第1会議室／Web会議（Teams）",
      onlineUrl: "https://meet.example.jp/renkei?id=42",
      agenda: [
        { number: 1, title: "髙﨑市・〜移行計画の共有 ABC xyz 0123 «»", presenter: "阿武町 総務課", durationMinutes: 15 },
        {
          number: 2,
          title: "ガバメントクラウド移行に係る経費の見込みと国庫補助の申請スケジュールについて",
          presenter: "",
          durationMinutes: 30,
        },
      ],
      materials: [{ label: "資料1", title: "国の動向", mime: "application/pdf", bytes: () => Buffer.alloc(0) }],
    };
    const render = (bytes: Uint8Array, name: string) => {
      const base = path.join(dir, name);
      execFileSync("pdftoppm", ["-r", "60", "-gray", "-f", "1", "-l", "1", "-singlefile", write(`${name}.pdf`, bytes), base]);
      return fs.readFileSync(`${base}.pgm`);
    };
    const subset = await buildPack(input);
    const full = await buildPack(input, { fullFont: true });
    expect(full.length - subset.length).toBeGreaterThan(1_000_000); // the subset really is a subset
    const a = render(subset, "subset");
    const b = render(full, "full");
    expect(a.length).toBe(b.length);
    let differing = 0;
    let dark = 0;
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) differing++;
      if (a[i]! < 128) dark++;
    }
    expect(dark).toBeGreaterThan(2_000); // text was drawn, not blank boxes
    expect(differing).toBe(0);
    // And it extracts as text with normal spacing.
    const text = pageText(write("subset-text.pdf", subset), 1);
    expect(text).toContain("髙﨑市・〜移行計画の共有 ABC xyz 0123");
    expect(text).toContain("30分");
  }, 60_000);
});
