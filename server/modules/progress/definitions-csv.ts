import { parseCsvLines } from "../../../shared/csv.js";
import type { FieldIssue } from "../../../shared/errors.js";
import { halfWidth, sameCode } from "../../../shared/normalise.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { invalid, notFound } from "../../platform/errors.js";
import { csvBytes, csvDownload } from "../../platform/files/csv.js";
import type { Download } from "../../platform/files/download.js";
import { decodeText } from "../../platform/files/text.js";
import { textField, type Upload } from "../../platform/files/upload.js";
import { authorize } from "../../platform/policy/authorize.js";
import "./policy.js";
import { parseDateCell } from "./cells.js";
import * as defs from "./definitions-repo.js";
import { ensureRecords, recomputeItems } from "./recompute.js";
import { findProgramme, listItemRows, listMetricRows, listProgrammeRows, listStepRows } from "./repo.js";
import { isYmd } from "./update-rules.js";

/**
 * Programmes, items, steps and metrics as CSV, one line per step or metric, so a prefecture can
 * load next year's programme (or the full official list of ~40 national steps) without code.
 * Importing adds and renames; it never deletes (archive on screen instead).
 */
const definitionColumns = [
  "programme_code",
  "programme_name",
  "item_code",
  "item_name",
  "item_group",
  "tracking",
  "code",
  "name",
  "phase",
  "unit",
  "target",
  "options",
  "item_deadline",
  "national_target",
] as const;
type Line = Record<(typeof definitionColumns)[number], string> & { line: number; flag?: 0 | 1 };

/** The row with this code: the same code, else the one a spreadsheet shortened (01 saved as 1), when only one fits. */
function byCode<T extends { code: string }>(rows: T[], code: string): T | undefined {
  const exact = rows.find((r) => r.code === code);
  if (exact) return exact;
  const loose = rows.filter((r) => sameCode(r.code, code));
  return loose.length === 1 ? loose[0] : undefined;
}

const codeRe = /^[A-Za-z0-9_.-]{1,40}$/;
const trackingOf = (s: string) =>
  ({ steps: "steps", ステップ: "steps", metrics: "metrics", 指標: "metrics" })[s] as "steps" | "metrics" | undefined;

/**
 * The item's national-target flag (国の目標対象) as a clerk types it: 1, ○ or 対象 for a target; 0, ×,
 * 対象外 or an empty cell for not. Exported as 1 / 0. Without the column, items keep their flag.
 */
const flagWords: Record<string, 0 | 1> = {
  "1": 1,
  "○": 1,
  〇: 1,
  "◯": 1,
  "●": 1,
  対象: 1,
  はい: 1,
  true: 1,
  yes: 1,
  "0": 0,
  "": 0,
  "×": 0,
  "✕": 0,
  "-": 0,
  対象外: 0,
  いいえ: 0,
  false: 0,
  no: 0,
};
const flagOf = (s: string): 0 | 1 | undefined => flagWords[s.toLowerCase()];

/** Cells that hold codes, numbers, dates or flags: full-width digits and spaces normalised. */
const normalised = new Set(["programme_code", "item_code", "code", "tracking", "target", "item_deadline", "national_target"]);

function readLines(text: string): { lines: Line[]; issues: FieldIssue[] } {
  const [head, ...table] = parseCsvLines(text);
  const header = (head?.cells ?? []).map((h) => h.trim());
  const missing = definitionColumns.filter(
    (c) =>
      !["item_group", "phase", "unit", "target", "options", "item_deadline", "national_target"].includes(c) &&
      !header.includes(c),
  );
  if (missing.length)
    return { lines: [], issues: [{ path: "line 1", message: `見出し行に列がありません：${missing.join(", ")}` }] };
  const issues: FieldIssue[] = [];
  const lines: Line[] = [];
  const hasFlag = header.includes("national_target");
  /** The flag each item got on its first line: an item's lines must agree. */
  const flags = new Map<string, { flag: 0 | 1; line: number }>();
  for (const { line: n, cells } of table) {
    const line = { line: n } as Line;
    for (const c of definitionColumns) {
      const v = cells[header.indexOf(c)] ?? "";
      line[c] = normalised.has(c) ? halfWidth(v) : v.trim();
    }
    const bad = (col: string, message: string) => issues.push({ path: `line ${line.line}`, message: `${col}: ${message}` });
    for (const c of ["programme_code", "item_code", "code"] as const)
      if (!codeRe.test(line[c])) bad(c, "半角英数字と - _ . の40文字までで入力してください");
    for (const c of ["programme_name", "item_name", "name"] as const) if (!line[c]) bad(c, "入力してください");
    if (!trackingOf(line.tracking)) bad("tracking", "steps（ステップ）か metrics（指標）にしてください");
    if (line.target && !/^\d+(\.\d+)?$/.test(line.target)) bad("target", "0以上の数値にしてください");
    if (hasFlag) {
      const flag = flagOf(line.national_target);
      const first = flags.get(`${line.programme_code}|${line.item_code}`);
      line.flag = flag;
      if (flag === undefined) bad("national_target", "国の目標対象は 1（○）か 0（空欄）にしてください");
      else if (first && first.flag !== flag)
        bad("national_target", `同じ項目の${first.line}行目と違います。項目の行はすべて同じ値にしてください`);
      else if (!first) flags.set(`${line.programme_code}|${line.item_code}`, { flag, line: line.line });
    }
    if (line.item_deadline && !isYmd(line.item_deadline)) {
      const d = parseDateCell(line.item_deadline); // a spreadsheet rewrites 2026-03-31 as 2026/3/31
      if (d.ok && d.value) line.item_deadline = d.value;
      else bad("item_deadline", "YYYY-MM-DD の日付にしてください");
    }
    lines.push(line);
  }
  if (!lines.length && !issues.length) issues.push({ path: "line 2", message: "データ行がありません" });
  return { lines, issues };
}

export interface DefinitionImportResult {
  dryRun: boolean;
  encoding: string;
  /** What the import creates (the dry run: would create), so a code a spreadsheet changed shows before it becomes a duplicate. */
  creates: { line: number; kind: "programme" | "item" | "step" | "metric"; code: string; name: string }[];
  programmes: { created: number; updated: number };
  items: { created: number; updated: number };
  steps: { created: number; updated: number };
  metrics: { created: number; updated: number };
  issues: FieldIssue[];
}

export async function importDefinitions(ctx: Ctx, upload: Upload): Promise<DefinitionImportResult> {
  authorize(ctx.actor, "progress.manage");
  const { file, fields } = await upload.read();
  const opts = { dryRun: textField(fields, "dryRun") !== "false" };
  const { text, encoding } = decodeText(file.bytes, file.name);
  const { lines, issues } = readLines(text);
  const result: DefinitionImportResult = {
    dryRun: opts.dryRun,
    encoding,
    creates: [],
    programmes: { created: 0, updated: 0 },
    items: { created: 0, updated: 0 },
    steps: { created: 0, updated: 0 },
    metrics: { created: 0, updated: 0 },
    issues,
  };
  if (issues.length) {
    if (opts.dryRun) return result;
    throw invalid(`CSVに${issues.length}件の誤りがあります。何も取り込んでいません。`, issues);
  }
  const run = async (tx: Ctx) => {
    const touched = new Set<string>();
    const fresh = new Set<string>();
    const now = nowIso();
    const stamp = { created_at: now, updated_at: now, archived: 0 as const };
    for (const l of lines) {
      let p = byCode(await listProgrammeRows(tx, true), l.programme_code);
      if (!p) {
        p = {
          id: newId(),
          code: l.programme_code,
          name: l.programme_name,
          name_en: null,
          description: "",
          deadline: null,
          exception_label: null,
          lag_threshold: 20,
          sort_order: 100,
          body_id: null,
          disclosure: "closed",
          ...stamp,
        };
        await defs.insertProgramme(tx, p);
        result.programmes.created++;
        result.creates.push({ line: l.line, kind: "programme", code: p.code, name: p.name });
      } else if (p.name !== l.programme_name) {
        await defs.updateProgrammeRow(tx, p.id, { name: l.programme_name, updated_at: now });
        result.programmes.updated++;
      }
      const tracking = trackingOf(l.tracking)!;
      let item = byCode(await listItemRows(tx, [p.id], true), l.item_code);
      if (!item) {
        item = {
          id: newId(),
          programme_id: p.id,
          code: l.item_code,
          name: l.item_name,
          name_en: null,
          group_label: l.item_group || null,
          tracking,
          deadline: l.item_deadline || null,
          national_target: l.flag ?? 1,
          sort_order: (await listItemRows(tx, [p.id], true)).length + 1,
          ...stamp,
        };
        await defs.insertItem(tx, item);
        fresh.add(item.id);
        result.items.created++;
        result.creates.push({ line: l.line, kind: "item", code: item.code, name: item.name });
      } else if (item.tracking !== tracking) {
        issues.push({
          path: `line ${l.line}`,
          message: `tracking: 項目「${item.name}」は ${item.tracking} で記録しています。変えられません`,
        });
        continue;
      } else {
        // The flag decides which items the national online figure counts; no record's percentage moves.
        const flagMoved = l.flag !== undefined && (item.national_target ?? 1) !== l.flag;
        const defMoved =
          item.name !== l.item_name || (item.group_label ?? "") !== l.item_group || (item.deadline ?? "") !== l.item_deadline;
        if (flagMoved || defMoved) {
          await defs.updateItemRow(tx, item.id, {
            name: l.item_name,
            group_label: l.item_group || null,
            deadline: l.item_deadline || null,
            ...(flagMoved ? { national_target: l.flag } : {}),
            updated_at: now,
          });
          if (defMoved) touched.add(item.id);
          if (!fresh.has(item.id)) result.items.updated++;
        }
      }
      if (tracking === "steps") {
        const existing = byCode(await listStepRows(tx, [item.id], true), l.code);
        const options = l.options
          ? JSON.stringify(
              l.options
                .split("|")
                .map((o) => o.trim())
                .filter(Boolean),
            )
          : null;
        if (!existing) {
          await defs.insertSteps(tx, [
            {
              id: newId(),
              item_id: item.id,
              code: l.code,
              name: l.name,
              name_en: null,
              phase: l.phase || null,
              options,
              sort_order: (await listStepRows(tx, [item.id], true)).length + 1,
              ...stamp,
            },
          ]);
          touched.add(item.id);
          result.steps.created++;
          result.creates.push({ line: l.line, kind: "step", code: l.code, name: l.name });
        } else if (existing.name !== l.name || (existing.phase ?? "") !== l.phase || existing.options !== options) {
          await defs.updateStepRow(tx, existing.id, { name: l.name, phase: l.phase || null, options, updated_at: now });
          result.steps.updated++;
        }
      } else {
        const existing = byCode(await listMetricRows(tx, [item.id], true), l.code);
        const target = l.target ? Number(l.target) : null;
        if (!existing) {
          await defs.insertMetrics(tx, [
            {
              id: newId(),
              item_id: item.id,
              code: l.code,
              name: l.name,
              name_en: null,
              unit: l.unit,
              target_default: target,
              sort_order: (await listMetricRows(tx, [item.id], true)).length + 1,
              ...stamp,
            },
          ]);
          touched.add(item.id);
          result.metrics.created++;
          result.creates.push({ line: l.line, kind: "metric", code: l.code, name: l.name });
        } else if (existing.name !== l.name || existing.unit !== l.unit || existing.target_default !== target) {
          await defs.updateMetricRow(tx, existing.id, { name: l.name, unit: l.unit, target_default: target, updated_at: now });
          touched.add(item.id);
          result.metrics.updated++;
        }
      }
    }
    if (issues.length) throw invalid(`CSVに${issues.length}件の誤りがあります。何も取り込んでいません。`, issues);
    await ensureRecords(tx, [...fresh]);
    await recomputeItems(
      tx,
      [...touched].filter((id) => !fresh.has(id)),
    );
    await recordAudit(
      tx,
      "progressDefinition.import",
      { type: "progress_programme", id: null },
      { ...result, issues: undefined },
    );
    return result;
  };
  if (!opts.dryRun) return inTx(ctx, run);
  // A dry run does the same work in a transaction that is always rolled back.
  const rollback = new Error("dry run");
  try {
    await inTx(ctx, async (tx) => {
      await run(tx);
      throw rollback;
    });
  } catch (err) {
    if (err !== rollback) {
      if ((err as { code?: string }).code === "VALIDATION_FAILED") return { ...result, issues };
      throw err;
    }
  }
  return result;
}

/** The programme's definitions as CSV (the file the definitions import reads back). */
export async function exportDefinitions(ctx: Ctx, programmeId: string): Promise<Download> {
  authorize(ctx.actor, "progress.read");
  const p = await findProgramme(ctx, programmeId);
  if (!p) throw notFound("取組");
  const items = await listItemRows(ctx, [p.id]);
  const ids = items.map((i) => i.id);
  const [steps, metrics] = await Promise.all([listStepRows(ctx, ids), listMetricRows(ctx, ids)]);
  const rows: (string | number | null)[][] = [[...definitionColumns]];
  for (const i of items) {
    const base = [p.code, p.name, i.code, i.name, i.group_label ?? "", i.tracking];
    const flag = i.national_target === 0 ? 0 : 1;
    for (const s of steps.filter((s) => s.item_id === i.id))
      rows.push([
        ...base,
        s.code,
        s.name,
        s.phase ?? "",
        "",
        "",
        s.options ? (JSON.parse(s.options) as string[]).join("|") : "",
        i.deadline ?? "",
        flag,
      ]);
    for (const m of metrics.filter((m) => m.item_id === i.id))
      rows.push([...base, m.code, m.name, "", m.unit, m.target_default ?? "", "", i.deadline ?? "", flag]);
  }
  return csvDownload(csvBytes(rows), `取組定義_${p.code}.csv`);
}
