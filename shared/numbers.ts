import { z } from "zod";

/**
 * Numbers as clerks type them: full-width digits and signs (「１２３」「－５」「３．５」), thousands
 * separators (「1,234」「1，234」) and spaces anywhere (「1 234」, a trailing full-width space).
 * One rule for the web inputs and the server schemas.
 */
export function normalizeNumberText(text: string): string {
  return (
    text
      .normalize("NFKC")
      // Minus signs a Japanese IME or Excel may produce: − (U+2212), ー, ‐, ‑.
      .replace(/[\u2212\u30fc\u2010\u2011]/g, "-")
      .replace(/[,、\s]/g, "")
  );
}

/** The number a clerk typed: null for an empty field, NaN for something that is not a number. */
export function parseNumberInput(text: string): number | null {
  const t = normalizeNumberText(text);
  if (t === "") return null;
  // Number("") and Number("0x10") are numbers to JavaScript, not to a clerk: decimal notation only.
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : Number.NaN;
}

/**
 * A Zod number field that also takes the text a clerk typed (JSON bodies, CSV and spreadsheet cells):
 * `looseNumber(z.number().int().min(0))`. An empty string is null, so pair it with `.nullable()` where that is allowed.
 * (Typed by its number input: the text is a tolerance for people, the API documents numbers.)
 */
export const looseNumber = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" ? parseNumberInput(v) : v), schema) as unknown as z.ZodType<z.output<T>, z.input<T>>;

/**
 * What a form sends for a typed number: the number when it reads as one, otherwise the text itself,
 * so the server (which reads text with the same rule) answers with its field message.
 */
export function numberOrText(text: string): number | null {
  const n = parseNumberInput(text);
  return (n !== null && Number.isNaN(n) ? text : n) as number | null;
}
