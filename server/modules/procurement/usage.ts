import { restoreLgCode } from "../../../shared/lg-code.js";
import { halfWidth } from "../../../shared/normalise.js";
import { normalizeNumberText } from "../../../shared/numbers.js";
import type { Ctx } from "../../platform/context.js";
import { invalid } from "../../platform/errors.js";
import { textField, type Upload } from "../../platform/files/upload.js";
import { type ReadCell, readXlsx } from "../../platform/files/xlsx-read.js";
import { visibleScenario } from "./access.js";
import { setUsage } from "./scenarios.js";

const text = (c: ReadCell | undefined) => (c == null ? "" : c instanceof Date ? c.toISOString() : halfWidth(String(c)).trim());

/**
 * Usage figures from a spreadsheet: the first sheet, a header row naming 団体コード or 団体名 and a
 * usage column (利用量, 件数, 枚数, 時間, ライセンス… or else the last column); one row per participant.
 * Every row that names no participant or holds no number is reported with its row number; nothing is
 * stored unless the whole file reads.
 */
export async function importUsageXlsx(ctx: Ctx, scenarioId: string, upload: Upload) {
  const { participants } = await visibleScenario(ctx, scenarioId);
  const { file, fields } = await upload.read();
  const label = textField(fields, "label");
  const [sheet] = await readXlsx(file.bytes, file.name);
  const grid = sheet?.grid ?? [];
  const headerAt = grid.findIndex((r) => r.some((c) => /団体コード|団体名|団体/.test(text(c))));
  if (headerAt < 0)
    throw invalid("見出しの行が見つかりません。", [
      { path: "file", message: "1行目に「団体コード」または「団体名」と「利用量」の列を置いてください" },
    ]);
  const head = grid[headerAt]!.map(text);
  const codeCol = head.findIndex((h) => /コード/.test(h));
  const nameCol = head.findIndex((h) => /団体名|団体$/.test(h));
  let usageCol = head.findIndex((h) => /利用|件数|枚数|時間|ライセンス|数量|実績/.test(h));
  if (usageCol < 0) usageCol = head.length - 1;
  const byCode = new Map(participants.filter((p) => p.lg_code).map((p) => [p.lg_code!, p]));
  const byName = new Map(participants.map((p) => [p.org_name, p]));
  const usage = new Map<string, string>();
  const issues: { path: string; message: string }[] = [];
  for (const [i, row] of grid.slice(headerAt + 1).entries()) {
    const line = headerAt + i + 2;
    const code = codeCol >= 0 ? text(row[codeCol]) : "";
    const name = nameCol >= 0 ? text(row[nameCol]) : "";
    const raw = text(row[usageCol]);
    if (!code && !name && !raw) continue;
    const p = (code && byCode.get(restoreLgCode(code) ?? code)) || byName.get(name);
    if (!p) {
      issues.push({ path: `file.${line}`, message: `${line}行目：「${name || code}」はこの事業の参加団体ではありません` });
      continue;
    }
    const value = normalizeNumberText(raw);
    if (!/^\d{1,12}(\.\d{1,3})?$/.test(value)) {
      issues.push({
        path: `file.${line}`,
        message: `${line}行目（${p.org_name}）：利用量「${raw}」は0以上の数（小数第3位まで）にしてください`,
      });
      continue;
    }
    usage.set(p.org_id, value.replace(/^0+(?=\d)/, ""));
  }
  if (issues.length) throw invalid(`取り込めない行があります。${issues[0]!.message}。`, issues);
  if (!usage.size)
    throw invalid("利用量の行がありません。", [{ path: "file", message: "参加団体ごとの利用量を入力した行を置いてください" }]);
  return setUsage(ctx, scenarioId, usage, "xlsx", label || file.name.replace(/\.xlsx$/i, ""));
}
