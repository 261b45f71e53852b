import type { WorkbookColumn } from "../../../../shared/api/relay.js";
import { parseJapaneseDate, warekiDate } from "../../../../shared/dates/wareki.js";
import { normalizeNumberText, parseNumberInput } from "../../../../shared/numbers.js";
import type { Question } from "../../../../shared/surveys/definition.js";
import type { CellWrite } from "../../../platform/files/xlsx-patch.js";
import { serialToYmd, ymdToSerial } from "../../../platform/files/xlsx-sheets.js";
import { norm } from "./detect.js";

/**
 * One answer value ↔ one cell of the ministry's table, by the question's kind: what an uploaded
 * cell means (or why it cannot be read), and what the write-back puts in the cell.
 */
export type CellRead = { value: unknown } | { error: string };
/** What a column or a form field tells about its cells: the words its yes/no list uses. */
type Words = Pick<WorkbookColumn, "yes" | "no">;

const yesWords = ["はい", "有", "あり", "○", "〇", "済", "true", "1"];
const noWords = ["いいえ", "無", "なし", "×", "未", "false", "0"];

export function readCellValue(
  q: Question,
  col: Words,
  raw: string | number | boolean | null,
  opts: { dateCell: boolean; date1904: boolean },
): CellRead {
  if (raw === null || raw === "" || (typeof raw === "string" && !raw.trim())) return { value: undefined };
  const text = typeof raw === "string" ? raw.trim() : String(raw);
  switch (q.kind) {
    case "number": {
      if (typeof raw === "number") return { value: raw };
      const unit = q.unit ? normalizeNumberText(q.unit) : "";
      let t = normalizeNumberText(text);
      if (unit && t.endsWith(unit)) t = t.slice(0, -unit.length);
      const n = parseNumberInput(t);
      return n === null || Number.isNaN(n)
        ? { error: `数値ではありません（「${text}」）。数字だけを入力してください` }
        : { value: n };
    }
    case "date": {
      const ymd = typeof raw === "number" ? serialToYmd(raw, opts.date1904) : parseJapaneseDate(text);
      return ymd
        ? { value: ymd }
        : { error: `日付として読めません（「${text}」）。「令和7年4月1日」や「2025/4/1」のように入力してください` };
    }
    case "yes_no": {
      const t = norm(text).toLowerCase();
      if (yesWords.includes(t) || t === norm(col.yes ?? "")) return { value: true };
      if (noWords.includes(t) || t === norm(col.no ?? "")) return { value: false };
      return { error: `「${col.yes ?? "はい"}」か「${col.no ?? "いいえ"}」を選んでください（「${text}」）` };
    }
    case "single_choice": {
      const o = q.options.find((x) => norm(x.label) === norm(text));
      if (o) return { value: o.id };
      if (q.allowOther) return { value: { other: text } };
      return { error: `選択肢にない値です（「${text}」）。選べるもの：${q.options.map((x) => x.label).join("・")}` };
    }
    case "multiple_choice": {
      const labels = text
        .split(/[、,，]/)
        .map((s) => s.trim())
        .filter(Boolean);
      const ids = labels.map((l) => q.options.find((x) => norm(x.label) === norm(l))?.id);
      if (ids.some((x) => !x)) return { error: `選択肢にない値があります（「${text}」）` };
      return { value: { choices: ids as string[] } };
    }
    case "short_text":
    case "long_text":
      return { value: typeof raw === "number" && opts.dateCell ? (serialToYmd(raw, opts.date1904) ?? text) : text };
    default:
      return { error: "この設問はファイルからは入力できません" };
  }
}

/** The cell the write-back puts for a value (blank when there is none). */
export function cellOfValue(q: Question, col: Words, v: unknown): CellWrite {
  if (v === undefined || v === null || v === "") return { blank: true };
  switch (q.kind) {
    case "number":
      return typeof v === "number" ? { number: v } : { text: String(v) };
    case "date":
      return typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? { number: ymdToSerial(v) } : { text: String(v) };
    case "yes_no":
      return { text: v ? (col.yes ?? "はい") : (col.no ?? "いいえ") };
    case "single_choice":
      return {
        text:
          typeof v === "string" ? (q.options.find((o) => o.id === v)?.label ?? v) : String((v as { other?: string }).other ?? ""),
      };
    case "multiple_choice": {
      const m = v as { choices?: string[]; other?: string | null };
      const labels = (m.choices ?? []).map((id) => q.options.find((o) => o.id === id)?.label ?? id);
      return { text: [...labels, ...(m.other ? [m.other] : [])].join("、") };
    }
    default:
      return { text: String(v) };
  }
}

/** A value as the preview shows it ("" when empty). */
export function displayValue(q: Question, col: Words, v: unknown): string {
  if (v === undefined || v === null || v === "") return "";
  if (q.kind === "date" && typeof v === "string") return warekiDate(v);
  if (q.kind === "number" && typeof v === "number") return `${v.toLocaleString("ja-JP")}${q.unit ?? ""}`;
  const c = cellOfValue(q, col, v);
  return "text" in c ? c.text : "number" in c ? String(c.number) : "";
}
