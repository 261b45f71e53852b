/**
 * Meeting pack benchmark: builds the pack PDF (cover with the Japanese agenda + every material's pages)
 * for MATERIALS materials of PAGES pages each (default 20 × 30), and prints the time, the size, the pack's own
 * overhead (size minus its materials) and peak memory. Pages are counted in the produced PDF by qpdf.
 *   node --import tsx bench/meeting-pack.ts          MATERIALS=40 PAGES=50 node --import tsx bench/meeting-pack.ts
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { resourceUsage } from "node:process";
import { PDFDocument, rgb, StandardFonts } from "pdf-lib";
import { buildPack } from "../server/modules/meetings/pack-pdf.js";

const materials = Number(process.env.MATERIALS ?? 20);
const pages = Number(process.env.PAGES ?? 30);
const runs = Number(process.env.RUNS ?? 3);

/** A material like a real one: a title line, body text and a table-ish grid on each page. */
async function material(n: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 1; p <= pages; p++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`Material ${n} - page ${p}`, { x: 56, y: 780, size: 18, font });
    for (let l = 0; l < 40; l++)
      page.drawText(`Line ${l}: progress of the standardisation of core business systems`, {
        x: 56,
        y: 740 - l * 16,
        size: 10,
        font,
      });
    for (let r = 0; r < 6; r++)
      page.drawRectangle({ x: 56, y: 60 + r * 12, width: 480, height: 12, borderColor: rgb(0, 0, 0), borderWidth: 0.5 });
  }
  return Buffer.from(await doc.save());
}

const sources = await Promise.all(Array.from({ length: materials }, (_, i) => material(i + 1)));
const inputBytes = sources.reduce((n, b) => n + b.length, 0);
const agenda = Array.from({ length: 8 }, (_, i) => ({
  number: i + 1,
  title: `議題${i + 1}　自治体情報システムの標準化・共通化に係る進捗状況と課題の共有について`,
  presenter: i % 2 ? "阿武町 総務課" : "山口県 デジタル推進局",
  durationMinutes: 15,
}));

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 10);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const baseline = process.memoryUsage().rss;

console.log(`meeting pack: ${materials} materials × ${pages} pages (input ${mb(inputBytes)}), ${runs} runs`);
const times: number[] = [];
let size = 0;
let last: Uint8Array = new Uint8Array();
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  const out = await buildPack({
    name: "令和7年度 第2回 山口県デジタル・ガバメント構築連携会議",
    startsAt: "2025-10-01T05:00:00Z",
    endsAt: "2025-10-01T07:00:00Z",
    place: "山口県庁 共用第1会議室",
    onlineUrl: "https://meet.example.jp/renkei",
    agenda,
    materials: sources.map((b, i) => ({
      label: `資料${i + 1}`,
      title: `進捗報告 ${i + 1}`,
      mime: "application/pdf",
      bytes: () => b,
    })),
  });
  times.push(performance.now() - t0);
  size = out.length;
  last = out;
  peak = Math.max(peak, process.memoryUsage().rss);
}
clearInterval(sampler);
const sorted = [...times].sort((a, b) => a - b);
const file = path.join(os.tmpdir(), `renkei-bench-pack-${process.pid}.pdf`);
fs.writeFileSync(file, last);
const pagesOut = execFileSync("qpdf", ["--show-npages", file], { encoding: "utf8" }).trim();
fs.rmSync(file);
console.log(`pages out:      ${pagesOut} (qpdf --show-npages on the produced pack)`);
console.log(`pack size:      ${mb(size)}`);
console.log(`overhead:       ${((size - inputBytes) / 1024).toFixed(0)} KB (pack size minus the materials' bytes)`);
console.log(
  `time per pack:  min ${sorted[0]!.toFixed(0)} ms, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`,
);
console.log(`rss baseline:   ${mb(baseline)}`);
console.log(`rss peak:       ${mb(peak)} (sampled every 10 ms)`);
console.log(`maxRSS:         ${mb(resourceUsage().maxRSS * 1024)} (resourceUsage)`);
