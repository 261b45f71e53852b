/**
 * How a municipality's cells in a programme are kept in its state row and day rows (migration 1030): one
 * short text with each item at a number of its own in the programme (its slot, item-slots-repo.ts),
 * "pct,due[,1]" per cell, cells joined by ";" in slot order, an empty place for an item without a cell:
 * "5000,2026-03-31;;10000,,1". JSON keyed by the items' 36-character ids took 1,250 characters a row in the
 * benchmark, and the heatmap as of a past day reads 1,741 of them; this takes about a quarter.
 */

/** A cell: percentage (hundredths), due date, exception (1) or not (0). */
export type Cell = [pct: number | null, due: string | null, exc: 0 | 1];

/** The text of some cells, each at its item's slot (every item given must have one). */
export function packCells(cells: Iterable<[itemId: string, cell: Cell]>, slots: Map<string, number>): string {
  const places: string[] = [];
  for (const [itemId, [pct, due, exc]] of cells) {
    const slot = slots.get(itemId);
    if (slot === undefined) throw new Error(`item ${itemId} has no slot in its programme`);
    places[slot] = `${pct ?? ""},${due ?? ""}${exc ? ",1" : ""}`;
  }
  return Array.from(places, (p) => p ?? "").join(";");
}

/**
 * Every cell of a text of packCells, with its slot: read in place (the heatmap reads 35,000 cells, and
 * splitting them into pieces first made as much garbage as the cells themselves).
 */
export function eachPackedCell(text: string, each: (slot: number, pct: number | null, due: string | null, exc: 0 | 1) => void) {
  for (let slot = 0, at = 0; at < text.length; slot++) {
    let end = text.indexOf(";", at);
    if (end < 0) end = text.length;
    if (end > at) {
      const comma = text.indexOf(",", at);
      const flag = text.indexOf(",", comma + 1);
      const dueEnd = flag < 0 || flag > end ? end : flag;
      each(
        slot,
        comma > at ? digits(text, at, comma) : null,
        dueEnd > comma + 1 ? text.slice(comma + 1, dueEnd) : null,
        dueEnd < end ? 1 : 0,
      );
    }
    at = end + 1;
  }
}

/** The number written in text[from, to): read digit by digit, without a string of its own when it is a whole number. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number(text.slice(from, to));
    n = n * 10 + d;
  }
  return n;
}
