import { fiscalYearLabel } from "../../../shared/dates/wareki.js";

/** 「令和7年度 第2回 山口県デジタル・ガバメント構築連携会議」, with the subtitle in brackets when there is one. */
export function meetingName(m: { fiscal_year: number; seq: number; subtitle: string | null }, bodyName: string): string {
  return `${fiscalYearLabel(m.fiscal_year)} 第${m.seq}回 ${bodyName}${m.subtitle ? `（${m.subtitle}）` : ""}`;
}

/**
 * 第M回 in date order within a body's fiscal year. `rows` are the year's meetings that count (not cancelled),
 * earliest first; a fixed meeting (announced or later: its number has gone out) keeps its number, the drafts
 * are numbered on from the last number before them, skipping the fixed ones' numbers.
 */
export function numberByDate(rows: { id: string; seq: number; fixed: boolean }[]): Map<string, number> {
  const fixed = new Set(rows.filter((r) => r.fixed).map((r) => r.seq));
  const out = new Map<string, number>();
  let n = 0;
  for (const r of rows) {
    if (r.fixed) {
      out.set(r.id, r.seq);
      n = Math.max(n, r.seq);
      continue;
    }
    n++;
    while (fixed.has(n)) n++;
    out.set(r.id, n);
  }
  return out;
}

/** 資料1, 資料2-1, 資料2-2 … in the order of the accepted items; meeting-wide materials become 参考資料1, 参考資料2 … */
export function materialLabels(
  agendaOrder: string[],
  materials: { id: string; agenda_item_id: string | null }[],
): Map<string, string> {
  const labels = new Map<string, string>();
  let n = 0;
  for (const itemId of agendaOrder) {
    const mine = materials.filter((m) => m.agenda_item_id === itemId);
    if (!mine.length) continue;
    n++;
    if (mine.length === 1) labels.set(mine[0]!.id, `資料${n}`);
    else for (const [i, m] of mine.entries()) labels.set(m.id, `資料${n}-${i + 1}`);
  }
  let ref = 0;
  for (const m of materials) {
    if (labels.has(m.id)) continue;
    // Attached to an item not (yet) on the agenda: a proposal's material, unnumbered.
    labels.set(m.id, m.agenda_item_id ? "提案資料" : `参考資料${++ref}`);
  }
  return labels;
}
