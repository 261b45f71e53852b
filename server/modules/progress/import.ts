import type { ImportResult } from "../../../shared/api/progress-views.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx } from "../../platform/context.js";
import { invalid } from "../../platform/errors.js";
import { storeBuffer } from "../../platform/files/store.js";
import { authorize } from "../../platform/policy/authorize.js";
import "./policy.js";
import { readSpreadsheet } from "../../platform/files/spreadsheet.js";
import { textField, type Upload } from "../../platform/files/upload.js";
import { xlsxMime } from "../../platform/files/xlsx.js";
import { columnLetter } from "./cells.js";
import { toGridItem } from "./export.js";
import { gridKey, type ImportIssue, type ParseContext, type ParsedSheet, parseItemGrid } from "./grid.js";
import { listItemRows, listMunicipalOrgs, listProgrammeRows, loadItemDefs } from "./repo.js";
import type { RecordChanges } from "./update-rules.js";
import { type ApplyResult, applyProgressUpdates } from "./updates.js";

async function parseContext(ctx: Ctx): Promise<{ pc: ParseContext; names: Map<string, string> }> {
  const programmes = await listProgrammeRows(ctx);
  const items = await listItemRows(
    ctx,
    programmes.map((p) => p.id),
  );
  const defs = await loadItemDefs(
    ctx,
    items.map((i) => i.id),
  );
  const orgs = await listMunicipalOrgs(ctx);
  const pc: ParseContext = { items: new Map(), orgByCode: new Map(), orgByName: new Map() };
  for (const l of defs.values()) pc.items.set(gridKey(toGridItem(l)), toGridItem(l));
  for (const o of orgs) {
    const ref = { id: o.id, name: o.name };
    if (o.lg_code) {
      pc.orgByCode.set(o.lg_code, ref);
      pc.orgByCode.set(o.lg_code.slice(0, 5), ref); // the 5-digit code without its check digit
    }
    pc.orgByName.set(o.name, ref);
  }
  const names = new Map<string, string>([
    ...orgs.map((o) => [o.id, o.name] as const),
    ...items.map((i) => [i.id, i.name] as const),
  ]);
  return { pc, names };
}

/** Puts the service's problems back on the cells they came from ("住民基本台帳!5.steps.3.plannedDate" → D5). */
function locate(sheets: ParsedSheet[], path: string, message: string): ImportIssue {
  for (const s of sheets) {
    const cell = s.cells.get(path);
    if (cell) {
      const col = `${columnLetter(cell.col)}`;
      return { path: `${s.sheet}!${col}${cell.row}`, message, sheet: s.sheet, row: cell.row, column: `${col}（${cell.header}）` };
    }
  }
  const m = path.match(/^(.*)!(\d+)\./);
  return m ? { path: `${m[1]}!A${m[2]}`, message, sheet: m[1], row: Number(m[2]) } : { path, message };
}

const countFields = (c: RecordChanges) =>
  [...Object.values(c.steps ?? {}), ...Object.values(c.metrics ?? {})].reduce((n, f) => n + Object.keys(f).length, 0) +
  Object.keys(c.record ?? {}).length;

/**
 * Imports progress from XLSX or CSV. A dry run lists every bad cell by row and column and what
 * would change; the real run writes only a clean file, all at once, through applyProgressUpdates
 * (so a municipality changes only its own rows), keeping the file as the changes' evidence.
 */
export async function importProgress(ctx: Ctx, upload: Upload): Promise<ImportResult> {
  authorize(ctx.actor, "progress.import");
  const { file, fields } = await upload.read();
  const dryRun = textField(fields, "dryRun") !== "false";
  const book = await readSpreadsheet(file.bytes, file.name);
  const { pc, names } = await parseContext(ctx);
  const parsed = book.sheets.map((s) => parseItemGrid(s.name, s.grid, pc));
  const issues: ImportIssue[] = parsed.flatMap((p) => p.issues);
  if (!parsed.some((p) => p.item) && !issues.length)
    issues.push({
      path: "file",
      message: "取り込める表がありません。書き出した表（2行目に項目コードがあるもの）を使ってください。",
    });
  const updates = parsed.flatMap((p) => p.updates);
  const dry = await applyProgressUpdates(ctx, updates, { source: "import", dryRun: true, onForbidden: "issue" });
  issues.push(...dry.issues.map((i) => locate(parsed, i.path, i.message)));
  const result = (r: ApplyResult, dryRun: boolean): ImportResult => ({
    dryRun,
    format: book.format,
    encoding: book.encoding,
    sheets: parsed.map((p) => ({ name: p.sheet, item: p.item?.itemName ?? null, rows: p.rows, note: p.note })),
    applied: r.applied,
    unchanged: r.unchanged,
    issues,
    changes: r.changes.map((c) => ({
      org: names.get(c.orgId) ?? c.orgId,
      item: names.get(c.itemId) ?? c.itemId,
      pctBefore: c.pctBefore == null ? null : c.pctBefore / 100,
      pctAfter: c.pctAfter == null ? null : c.pctAfter / 100,
      fields: countFields(c.changes),
    })),
  });
  if (dryRun) return result(dry, true);
  if (issues.length) throw invalid(`ファイルに${issues.length}件の誤りがあります。何も取り込んでいません。`, issues);
  return inTx(ctx, async (tx) => {
    const mime = book.format === "xlsx" ? xlsxMime : "text/csv";
    const stored = await storeBuffer(tx, file.name, mime, file.bytes);
    // The file becomes the evidence of the rows it changes (only those: unchanged rows get no history).
    const changed = new Set(dry.changes.map((c) => `${c.orgId}|${c.itemId}`));
    const applied = await applyProgressUpdates(
      tx,
      updates.map((u) => (changed.has(`${u.orgId}|${u.itemId}`) ? { ...u, evidenceFileId: stored.id } : u)),
      { source: "import", onForbidden: "issue" },
    );
    await recordAudit(
      tx,
      "progress.import",
      { type: "file", id: stored.id },
      {
        file: file.name,
        applied: applied.applied,
        unchanged: applied.unchanged,
      },
    );
    return result(applied, false);
  });
}
