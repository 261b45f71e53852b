/**
 * bench:relay — the 照会 relay at national scale: a ministry collation workbook with 1,741 rows (one
 * per municipality, the fixture's merged headers, 和暦 dates, lists, total row), then
 *  - import: finding the table and proposing the questions (detect.ts);
 *  - copies: writing each organisation's pre-filled copy (what a town downloads, and what it uploads back);
 *  - uploads: parsing 1,741 filled copies into answers (upload.ts), one after another;
 *  - write-back: every answer written into the ministry's workbook (writeback.ts).
 * Each phase runs in a fresh child process, so its peak memory (growth of the maximum resident set
 * over the process after loading the code) is its own. These are the functions the worker threads run.
 *   npm run bench:relay              (SCALE=1741)
 *   SCALE=200 npm run bench:relay    (a quick run)
 *   LAYOUT=sheets SCALE=200 npm run bench:relay   (one input sheet per municipality: copies keep only the own sheet)
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Detection, detectWorkbook } from "../server/modules/surveys/workbook/detect.js";
import { ministryWorkbook, perSheetWorkbook } from "../server/modules/surveys/workbook/test-workbook.js";
import { previewUploadHere } from "../server/modules/surveys/workbook/upload.js";
import { collationHere, orgCopyHere } from "../server/modules/surveys/workbook/writeback.js";
import { isSheetsLayout, type WorkbookLayout } from "../shared/api/relay.js";
import { lgCheckDigit } from "../shared/lg-code.js";
import type { Definition } from "../shared/surveys/definition.js";

const SCALE = Number(process.env.SCALE ?? 1741);
const SHEETS = process.env.LAYOUT === "sheets";
const self = fileURLToPath(import.meta.url);
const phase = process.env.RELAY_PHASE;
const dir = process.env.RELAY_DIR ?? "";

const orgs = Array.from({ length: SCALE }, (_, i) => {
  const five = String(10000 + i * 5).padStart(5, "0");
  return { id: `org-${i}`, name: `団体${String(i + 1).padStart(4, "0")}町`, lgCode: `${five}${lgCheckDigit(five)}` };
});
const answerOf = (i: number) => {
  const values = [
    10 + (i % 90),
    i % 7,
    `2026-${String((i % 12) + 1).padStart(2, "0")}-01`,
    `o${(i % 3) + 1}`,
    i % 2 === 0,
    1000 + i,
    `回答${i}`,
  ];
  const ids = SHEETS
    ? ["cell_C6", "cell_C7", "cell_C9", "cell_C10", "cell_C11", "cell_C12", "cell_C13"]
    : ["col_D", "col_E", "col_F", "col_G", "col_H", "col_I", "col_J"];
  return Object.fromEntries(ids.map((id, k) => [id, values[k]]));
};

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const maxRss = () => process.resourceUsage().maxRSS * 1024;

async function runPhase() {
  const read = (f: string) => fs.readFileSync(path.join(dir, f));
  const original = read("collation.xlsx");
  const det = JSON.parse(read("detection.json").toString()) as Detection;
  const def: Definition = { sections: [{ id: "s1", title: "", description: "", questions: det.questions }] };
  const layout: WorkbookLayout = det.layout;
  const base = maxRss();
  const t0 = performance.now();
  let note = "";
  if (phase === "import") {
    const d = await detectWorkbook(original, "collation.xlsx", orgs);
    note = `${isSheetsLayout(d.layout) ? `${d.layout.sheets.length} sheets` : `${d.layout.rows.length} rows`}, ${d.questions.length} questions`;
  } else if (phase === "copies") {
    fs.mkdirSync(path.join(dir, "up"), { recursive: true });
    for (let i = 0; i < SCALE; i++) {
      const bytes = await orgCopyHere(original, layout, def, { orgId: orgs[i]!.id, data: answerOf(i) });
      fs.writeFileSync(path.join(dir, "up", `${i}.xlsx`), bytes);
    }
    note = `${SCALE} files, ${mb(fs.statSync(path.join(dir, "up", "0.xlsx")).size * SCALE)} in all`;
  } else if (phase === "uploads") {
    let changes = 0;
    for (let i = 0; i < SCALE; i++) {
      const p = await previewUploadHere(read(`up/${i}.xlsx`), `${i}.xlsx`, layout, def, orgs[i]!.id, { data: {}, version: 0 });
      changes += p.changes.length;
    }
    note = `${changes} cells read into answers`;
  } else if (phase === "writeback") {
    const out = await collationHere(
      original,
      null,
      layout,
      def,
      orgs.map((o, i) => ({ orgId: o.id, data: answerOf(i) })),
    );
    note = `${(out.byteLength / 1024).toFixed(0)} KB written`;
  }
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, peak: maxRss() - base, note }));
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-bench-relay-"));
  try {
    const t0 = performance.now();
    const wb = SHEETS ? await perSheetWorkbook(orgs) : await ministryWorkbook(orgs);
    fs.writeFileSync(path.join(work, "collation.xlsx"), wb);
    fs.writeFileSync(path.join(work, "detection.json"), JSON.stringify(await detectWorkbook(wb, "collation.xlsx", orgs)));
    console.log(
      `collation workbook: ${SCALE} ${SHEETS ? "sheets (one per municipality)" : "rows"}, ${(wb.length / 1024).toFixed(0)} KB (built in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    for (const [p, label] of [
      ["import", "import (find the table, propose questions)"],
      ["copies", `pre-filled copies written (${SCALE})`],
      ["uploads", `uploads parsed (${SCALE})`],
      ["writeback", `write-back of ${SCALE} answers`],
    ] as const) {
      const out = execFileSync(process.execPath, ["--import", "tsx", self], {
        env: { ...process.env, RELAY_PHASE: p, RELAY_DIR: work },
        maxBuffer: 1024 * 1024,
      }).toString();
      const r = JSON.parse(out) as { ms: number; peak: number; note: string };
      const per = p === "copies" || p === "uploads" ? `, ${(r.ms / SCALE).toFixed(1)} ms each` : "";
      console.log(`${label.padEnd(46)} ${(r.ms / 1000).toFixed(2).padStart(7)} s${per}   peak +${mb(r.peak)}   ${r.note}`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (phase) await runPhase();
else await main();
