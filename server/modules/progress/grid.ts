import { stepStatusLabels } from "../../../shared/api/progress.js";
import { restoreLgCode } from "../../../shared/lg-code.js";
import { halfWidth } from "../../../shared/normalise.js";
import { type Cell, cellText, columnLetter, parseDateCell, parseFlagCell, parseNumberCell, parseStatusCell } from "./cells.js";
import { type MetricDef, metricKey, notStarted, type RecordData, type StepDef } from "./rules.js";
import type { ProgressUpdate } from "./update-rules.js";

/**
 * The spreadsheet layout prefectures use, one sheet (or CSV) per item: row 1 a title, row 2 the
 * item's code (what the import recognises), row 3 the headings, then one row per municipality
 * with one group of columns per step (status, planned, actual) or per metric (result, target).
 * Export and import share these definitions so a downloaded sheet uploads back unchanged.
 */
const CODE_LABEL = "項目コード";
const FY_LABEL = "年度";
const HEADER_ROW = 3;

export interface GridItem {
  programmeCode: string;
  programmeName: string;
  exceptionLabel: string | null;
  itemId: string;
  itemCode: string;
  itemName: string;
  tracking: "steps" | "metrics";
  steps: StepDef[];
  metrics: MetricDef[];
}

type Kind =
  | "orgCode"
  | "orgName"
  | "status"
  | "planned"
  | "actual"
  | "option"
  | "value"
  | "target"
  | "exception"
  | "reason"
  | "revised"
  | "pct"
  | "note";
export interface ColumnSpec {
  header: string;
  kind: Kind;
  stepId?: string;
  metricId?: string;
}

export const gridKey = (g: Pick<GridItem, "programmeCode" | "itemCode">) => `${g.programmeCode}/${g.itemCode}`;

export function itemColumns(g: GridItem): ColumnSpec[] {
  const cols: ColumnSpec[] = [
    { header: "団体コード", kind: "orgCode" },
    { header: "団体名", kind: "orgName" },
  ];
  for (const s of g.steps) {
    cols.push(
      { header: `${s.name}：状況`, kind: "status", stepId: s.id },
      { header: `${s.name}：予定日`, kind: "planned", stepId: s.id },
      { header: `${s.name}：実績日`, kind: "actual", stepId: s.id },
    );
    if (s.options?.length) cols.push({ header: `${s.name}：方法`, kind: "option", stepId: s.id });
  }
  for (const m of g.metrics) {
    const name = m.unit ? `${m.name}（${m.unit}）` : m.name;
    cols.push(
      { header: `${name}：実績`, kind: "value", metricId: m.id },
      { header: `${name}：目標`, kind: "target", metricId: m.id },
    );
  }
  if (g.exceptionLabel)
    cols.push(
      { header: g.exceptionLabel, kind: "exception" },
      { header: "理由", kind: "reason" },
      { header: "見直し後の目標日", kind: "revised" },
    );
  cols.push({ header: "進捗率（%）", kind: "pct" }, { header: "備考（取込時に履歴へ記録）", kind: "note" });
  return cols;
}

export interface GridRow {
  lgCode: string | null;
  name: string;
  data: RecordData | null;
  pct: number | null;
}

/** The sheet's cells: dates as Date objects (the CSV writer prints them as YYYY-MM-DD). */
export function itemGrid(g: GridItem, rows: GridRow[], fy: number | null): Cell[][] {
  const cols = itemColumns(g);
  const date = (s: string | null) => (s ? new Date(`${s}T00:00:00Z`) : null);
  const out: Cell[][] = [
    [`${g.programmeName}｜${g.itemName}`],
    g.tracking === "metrics" ? [CODE_LABEL, gridKey(g), FY_LABEL, fy] : [CODE_LABEL, gridKey(g)],
    cols.map((c) => c.header),
  ];
  for (const r of rows) {
    const d = r.data;
    out.push(
      cols.map((c): Cell => {
        const st = c.stepId ? (d?.steps[c.stepId] ?? notStarted) : null;
        const mv = c.metricId && fy != null ? d?.metrics[metricKey(c.metricId, fy)] : undefined;
        switch (c.kind) {
          case "orgCode":
            return r.lgCode;
          case "orgName":
            return r.name;
          case "status":
            return stepStatusLabels[st!.status].ja;
          case "planned":
            return date(st!.plannedDate);
          case "actual":
            return date(st!.actualDate);
          case "option":
            return st!.option;
          case "value":
            return mv?.value ?? null;
          case "target":
            return mv?.target ?? null;
          case "exception":
            return d?.exception ? "○" : null;
          case "reason":
            return d?.exception ? d.exceptionReason : null;
          case "revised":
            return d?.exception ? date(d.revisedTarget) : null;
          case "pct":
            return r.pct == null ? null : Math.round(r.pct) / 100;
          default: // "note": written by whoever imports
            return null;
        }
      }),
    );
  }
  return out;
}

export interface ImportIssue {
  path: string;
  message: string;
  sheet?: string;
  row?: number;
  column?: string;
}

export interface ParseContext {
  items: Map<string, GridItem>;
  orgByCode: Map<string, { id: string; name: string }>;
  orgByName: Map<string, { id: string; name: string }>;
}

export interface ParsedSheet {
  sheet: string;
  item: GridItem | null;
  note: string | null;
  updates: ProgressUpdate[];
  issues: ImportIssue[];
  /** `${ref}.${field}` → the cell an update's field came from, to name cells in the service's problems. */
  cells: Map<string, { row: number; col: number; header: string }>;
  rows: number;
}

const issueAt = (sheet: string, row: number, col: number, header: string, message: string): ImportIssue => ({
  path: `${sheet}!${columnLetter(col)}${row}`,
  message,
  sheet,
  row,
  column: `${columnLetter(col)}（${header}）`,
});

/** Reads one sheet (or CSV) back into updates, naming every bad cell; nothing is applied here. */
export function parseItemGrid(sheet: string, grid: Cell[][], ctx: ParseContext): ParsedSheet {
  const out: ParsedSheet = { sheet, item: null, note: null, updates: [], issues: [], cells: new Map(), rows: 0 };
  const codeRow = grid[1] ?? [];
  if (cellText(codeRow[0]) !== CODE_LABEL) {
    out.note = "項目コードの行がないため読み飛ばしました（集計表など）";
    return out;
  }
  const item = ctx.items.get(cellText(codeRow[1]));
  if (!item) {
    out.issues.push(issueAt(sheet, 2, 1, CODE_LABEL, `項目コード「${cellText(codeRow[1])}」の項目がありません`));
    return out;
  }
  out.item = item;
  let fy: number | null = null;
  if (item.tracking === "metrics") {
    fy = Number(cellText(codeRow[3]));
    if (!Number.isInteger(fy) || fy < 2000 || fy > 2100) {
      out.issues.push(issueAt(sheet, 2, 3, FY_LABEL, "年度は西暦の4桁（例：2025）で入力してください"));
      return out;
    }
  }
  const specs = new Map(itemColumns(item).map((c) => [c.header, c]));
  const header = (grid[HEADER_ROW - 1] ?? []).map(cellText);
  const cols: (ColumnSpec | null)[] = header.map((h, i) => {
    if (!h) return null;
    const spec = specs.get(h);
    if (!spec)
      out.issues.push(
        issueAt(sheet, HEADER_ROW, i, h, "この見出しの列は取り込めません（書き出した表の見出しのまま使ってください）"),
      );
    return spec ?? null;
  });
  if (!cols.some((c) => c?.kind === "orgCode" || c?.kind === "orgName"))
    out.issues.push(issueAt(sheet, HEADER_ROW, 0, "団体コード", "団体コードか団体名の列が必要です"));
  if (out.issues.length) return out;
  const seen = new Map<string, number>();
  for (let r = HEADER_ROW; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    if (cells.every((c) => cellText(c) === "")) continue;
    out.rows++;
    parseRow(out, cols, cells, r + 1, item, fy, ctx, seen);
  }
  return out;
}

function findOrg(ctx: ParseContext, code: string, name: string) {
  if (code) {
    const digits = halfWidth(code).replace(/\D/g, "");
    // A code Excel kept as a number loses its leading zero: 01100 → 1100, and 011002 → 11002 (the check digit tells).
    return ctx.orgByCode.get(digits.padStart(digits.length > 5 ? 6 : 5, "0")) ?? ctx.orgByCode.get(restoreLgCode(digits));
  }
  return name ? ctx.orgByName.get(name) : undefined;
}

function parseRow(
  out: ParsedSheet,
  cols: (ColumnSpec | null)[],
  cells: Cell[],
  row: number,
  item: GridItem,
  fy: number | null,
  ctx: ParseContext,
  seen: Map<string, number>,
) {
  const ref = `${out.sheet}!${row}`;
  const bad = (col: number, message: string) => out.issues.push(issueAt(out.sheet, row, col, cols[col]!.header, message));
  const codeCol = cols.findIndex((c) => c?.kind === "orgCode");
  const nameCol = cols.findIndex((c) => c?.kind === "orgName");
  const org = findOrg(ctx, codeCol >= 0 ? cellText(cells[codeCol]) : "", nameCol >= 0 ? cellText(cells[nameCol]) : "");
  const keyCol = codeCol >= 0 && cellText(cells[codeCol]) ? codeCol : nameCol;
  if (!org) return bad(keyCol, "登録されていない団体です（団体コードか団体名を確かめてください）");
  if (seen.has(org.id)) return bad(keyCol, `${org.name}の行が${seen.get(org.id)}行目と重複しています`);
  seen.set(org.id, row);
  const u: ProgressUpdate = { orgId: org.id, itemId: item.itemId, ref };
  out.cells.set(`${ref}.orgId`, { row, col: keyCol, header: cols[keyCol]!.header });
  const steps = new Map<string, NonNullable<ProgressUpdate["steps"]>[number]>();
  const stepOf = (id: string) => {
    let s = steps.get(id);
    if (!s) {
      s = { stepId: id };
      steps.set(id, s);
    }
    return s;
  };
  const metrics = new Map<string, NonNullable<ProgressUpdate["metrics"]>[number]>();
  const exception: { flagged?: boolean; reason?: string | null; revisedTarget?: string | null } = {};
  const at = new Map<string, number>();
  cols.forEach((c, i) => {
    if (!c) return;
    const v = cells[i];
    const take = <T>(p: { ok: true; value: T } | { ok: false; message: string }, set: (x: T) => void) =>
      p.ok ? set(p.value) : bad(i, p.message);
    const field = `${c.kind}:${c.stepId ?? c.metricId ?? ""}`;
    at.set(field, i);
    if (c.kind === "status") take(parseStatusCell(v), (x) => (stepOf(c.stepId!).status = x));
    else if (c.kind === "planned") take(parseDateCell(v), (x) => (stepOf(c.stepId!).plannedDate = x));
    else if (c.kind === "actual") take(parseDateCell(v), (x) => (stepOf(c.stepId!).actualDate = x));
    else if (c.kind === "option") stepOf(c.stepId!).option = cellText(v) || null;
    else if (c.kind === "value" || c.kind === "target")
      take(parseNumberCell(v), (x) => {
        const m = metrics.get(c.metricId!) ?? { metricId: c.metricId!, fiscalYear: fy! };
        m[c.kind as "value" | "target"] = x;
        metrics.set(c.metricId!, m);
      });
    else if (c.kind === "exception") take(parseFlagCell(v), (x) => (exception.flagged = x));
    else if (c.kind === "reason") exception.reason = cellText(v) || null;
    else if (c.kind === "revised") take(parseDateCell(v), (x) => (exception.revisedTarget = x));
    else if (c.kind === "note") u.note = cellText(v) || null;
  });
  const fieldCols: Record<string, string> = { status: "status", plannedDate: "planned", actualDate: "actual", option: "option" };
  u.steps = [...steps.values()];
  u.steps.forEach((s, idx) => {
    for (const [f, kind] of Object.entries(fieldCols)) {
      const col = at.get(`${kind}:${s.stepId}`);
      if (col !== undefined) out.cells.set(`${ref}.steps.${idx}.${f}`, { row, col, header: cols[col]!.header });
    }
  });
  u.metrics = [...metrics.values()];
  u.metrics.forEach((m, idx) => {
    for (const f of ["value", "target"]) {
      const col = at.get(`${f}:${m.metricId}`);
      if (col !== undefined) out.cells.set(`${ref}.metrics.${idx}.${f}`, { row, col, header: cols[col]!.header });
    }
  });
  if (exception.flagged !== undefined) {
    u.exception = { flagged: exception.flagged, reason: exception.reason, revisedTarget: exception.revisedTarget };
    for (const [f, kind] of [
      ["flagged", "exception"],
      ["reason", "reason"],
      ["revisedTarget", "revised"],
    ]) {
      const col = at.get(`${kind}:`);
      if (col !== undefined) out.cells.set(`${ref}.exception.${f}`, { row, col, header: cols[col]!.header });
    }
  }
  out.updates.push(u);
}
