/**
 * RFC 4180 CSV, the one reader and writer. Rows carry the physical line they start on, so error
 * messages count blank lines and line breaks inside quoted cells the way a text editor does.
 */
export function parseCsvLines(text: string): { line: number; cells: string[] }[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: { line: number; cells: string[] }[] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  const end = () => {
    row.push(unneutralise(cell));
    if (!(row.length === 1 && row[0] === "")) rows.push({ line: start, cells: row });
    row = [];
    cell = "";
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === "\n" || (ch === "\r" && src[i + 1] !== "\n")) line++;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === ",") {
      row.push(unneutralise(cell));
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") {
        i++;
        line++;
      }
      end();
      start = line;
    } else cell += ch;
  }
  if (cell !== "" || row.length) end();
  return rows;
}

/** The rows of cells, blank lines left out. */
export const parseCsv = (text: string): string[][] => parseCsvLines(text).map((r) => r.cells);

/** Cells a spreadsheet would run as a formula: = + - @, tab and CR at the start. */
const formulaStart = /^[=+\-@\t\r]/;

/** A text cell that a spreadsheet would run as a formula gets a leading ' (shown as text, never run). */
const neutralise = (s: string) => (formulaStart.test(s) ? `'${s}` : s);
/** Reading our own exports back: the ' we added comes off again. */
const unneutralise = (s: string) => (s[0] === "'" && formulaStart.test(s.slice(1)) ? s.slice(1) : s);

export type CsvValue = string | number | boolean | null | undefined;

const needsQuotes = /[",\r\n]/;

/**
 * The one CSV writer: CRLF line ends, quotes where needed, and every text cell that starts like a
 * formula neutralised. Numbers stay numbers (a negative number is not a formula). Encoding is the
 * caller's: `csvBytes` on the server writes UTF-8 with a BOM or Shift_JIS (CP932).
 */
export function toCsv(rows: CsvValue[][]): string {
  return rows
    .map((r) =>
      r
        .map((v) => {
          const s = v == null ? "" : typeof v === "boolean" ? (v ? "1" : "0") : typeof v === "number" ? String(v) : neutralise(v);
          return needsQuotes.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
        })
        .join(","),
    )
    .join("\r\n")
    .concat("\r\n");
}
