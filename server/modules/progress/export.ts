import { orgKindLabels } from "../../../shared/api/orgs.js";
import { fiscalYear, jstDate } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import "./policy.js";
import { csvDownload } from "../../platform/files/csv.js";
import type { Download } from "../../platform/files/download.js";
import { sheetNamer, xlsxMime } from "../../platform/files/xlsx.js";
import type { Cell } from "./cells.js";
import { filteredOrgs } from "./dashboard.js";
import { type GridItem, itemColumns, itemGrid } from "./grid.js";
import { latestMetricFy } from "./records-repo.js";
import { findProgramme, type LoadedItem, listItemRows, loadItemDefs, loadRecords, type ProgrammeRow, recordKey } from "./repo.js";
import { meanPct } from "./rules.js";
import { type ProgressSheet, writeCsv, writeXlsx } from "./sheets.js";
import { readProgrammeCells } from "./totals-repo.js";

export const toGridItem = (l: LoadedItem): GridItem => ({
  programmeCode: l.programme.code,
  programmeName: l.programme.name,
  exceptionLabel: l.programme.exception_label,
  itemId: l.item.id,
  itemCode: l.item.code,
  itemName: l.item.name,
  tracking: l.item.tracking,
  steps: l.def.steps,
  metrics: l.def.metrics,
});

type Orgs = Awaited<ReturnType<typeof filteredOrgs>>["orgs"];

/** The summary sheet: one row per municipality, one column per item (percent), heat-coloured in Excel. */
async function summaryGrid(ctx: Ctx, p: ProgrammeRow, items: { id: string; name: string }[], orgs: Orgs): Promise<Cell[][]> {
  const cells = new Map((await readProgrammeCells(ctx, p.id)).map((c) => [`${c.orgId}|${c.itemId}`, c.pct]));
  const pct = (v: number | null | undefined) => (v == null ? null : Math.round(v) / 100);
  return [
    [`${p.name}｜市町別の進捗率（%）　${jstDate()} 現在`],
    ["集計", "（この表は取り込みでは読み飛ばします）"],
    ["団体コード", "団体名", "区分", "人口", "全体", ...items.map((i) => i.name)],
    ...orgs.map((o) => {
      const row = items.map((i) => cells.get(`${o.id}|${i.id}`) ?? null);
      return [o.lg_code, o.name, orgKindLabels[o.kind].ja, o.population, pct(meanPct(row)), ...row.map(pct)];
    }),
  ];
}

/** The fiscal year a metric sheet shows: the latest any municipality reported, else the current one. */
async function sheetFy(ctx: Ctx, itemId: string, asked?: number): Promise<number> {
  if (asked) return asked;
  const fy = await latestMetricFy(ctx, itemId);
  return fy != null ? Number(fy) : fiscalYear(jstDate());
}

async function itemSheet(ctx: Ctx, l: LoadedItem, orgs: Orgs, asked?: number) {
  const g = toGridItem(l);
  const fy = l.item.tracking === "metrics" ? await sheetFy(ctx, l.item.id, asked) : null;
  const records = await loadRecords(ctx, [l.item.id]);
  const rows = orgs.map((o) => {
    const r = records.get(recordKey(o.id, l.item.id));
    return { lgCode: o.lg_code, name: o.name, data: r?.data ?? null, pct: r?.row.pct ?? null };
  });
  const cols = itemColumns(g);
  return {
    grid: itemGrid(g, rows, fy),
    widths: cols.map((c) =>
      c.kind === "orgCode" ? 10 : c.kind === "orgName" ? 14 : c.kind === "reason" || c.kind === "note" ? 30 : 12,
    ),
    statusCols: cols.flatMap((c, i) => (c.kind === "status" ? [i] : [])),
  };
}

/**
 * Exports a programme as prefectures lay it out: XLSX with a summary sheet (municipalities ×
 * items) and one sheet per item (municipalities × steps), or a single item's sheet; CSV gives the
 * item's sheet, or the summary without an item. Item sheets import back as they are.
 */
export async function exportProgress(
  ctx: Ctx,
  q: { programmeId: string; itemId?: string; format: "xlsx" | "csv"; fiscalYear?: number; encoding: "utf8" | "sjis" },
): Promise<Download> {
  authorize(ctx.actor, "progress.export");
  const p = await findProgramme(ctx, q.programmeId);
  if (!p) throw notFound("取組");
  const items = (await listItemRows(ctx, [p.id])).filter((i) => !q.itemId || i.id === q.itemId);
  if (q.itemId && !items.length) throw notFound("取組項目");
  const { orgs } = await filteredOrgs(ctx, {});
  const defs = await loadItemDefs(
    ctx,
    items.map((i) => i.id),
  );
  const base = `取組状況_${p.name}${q.itemId ? `_${items[0]!.name}` : ""}_${jstDate()}`;
  if (q.format === "csv") {
    const grid = q.itemId
      ? (await itemSheet(ctx, defs.get(q.itemId)!, orgs, q.fiscalYear)).grid
      : await summaryGrid(ctx, p, items, orgs);
    return csvDownload(writeCsv(grid, q.encoding), `${base}.csv`);
  }
  return { filename: `${base}.xlsx`, contentType: xlsxMime, body: await programmeWorkbook(ctx, p, items, orgs, defs, q) };
}

/**
 * The programme's workbook (the summary, then one sheet per item, or one item's sheet alone);
 * `onSheet(done, total)` hears after each sheet, so a background export can show its progress.
 */
async function programmeWorkbook(
  ctx: Ctx,
  p: ProgrammeRow,
  items: { id: string; code: string; name: string }[],
  orgs: Orgs,
  defs: Map<string, LoadedItem>,
  q: { itemId?: string; fiscalYear?: number },
  onSheet?: (done: number, total: number) => Promise<void>,
) {
  const sheetName = sheetNamer();
  const total = items.length + (q.itemId ? 0 : 1);
  let done = 0;
  async function* sheets(): AsyncGenerator<ProgressSheet> {
    if (!q.itemId) {
      const grid = await summaryGrid(ctx, p, items, orgs);
      yield {
        name: sheetName("集計"),
        grid,
        widths: [10, 14, 6, 9, 8, ...items.map(() => 10)],
        pctCols: [4, 4 + items.length],
      };
      await onSheet?.(++done, total);
    }
    for (const i of items) {
      const s = await itemSheet(ctx, defs.get(i.id)!, orgs, q.fiscalYear);
      yield { name: sheetName(`${i.code} ${i.name}`), ...s };
      await onSheet?.(++done, total);
    }
  }
  return writeXlsx(sheets());
}

/** The whole programme as XLSX for a background job (access was checked when it was asked for). */
export async function wholeProgrammeXlsx(ctx: Ctx, programmeId: string, onSheet: (done: number, total: number) => Promise<void>) {
  const p = await findProgramme(ctx, programmeId);
  if (!p) throw notFound("取組");
  const items = await listItemRows(ctx, [p.id]);
  const { orgs } = await filteredOrgs(ctx, {});
  const defs = await loadItemDefs(
    ctx,
    items.map((i) => i.id),
  );
  await onSheet(0, items.length + 1);
  const bytes = await programmeWorkbook(ctx, p, items, orgs, defs, {}, onSheet);
  return { bytes, fileName: `取組状況_${p.name}_${jstDate()}.xlsx` };
}
