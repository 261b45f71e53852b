import { type CsvValue, toCsv } from "../../../shared/csv.js";
import type { Download } from "./download.js";
import { cp932Label, encodeCp932 } from "./text.js";
import type { XlsxValue } from "./xlsx.js";

export type CsvEncoding = "utf8" | "sjis";

export interface CsvFile {
  bytes: Buffer;
  mime: string;
  /** Characters Shift_JIS (CP932) cannot hold, written as 〓; empty for UTF-8. */
  unencodable: string[];
}

/** Every CSV export: UTF-8 with a BOM (so Excel reads it as UTF-8), or Shift_JIS as Windows writes it (CP932). */
export function csvBytes(rows: CsvValue[][], encoding: CsvEncoding = "utf8"): CsvFile {
  const text = toCsv(rows);
  if (encoding === "utf8")
    return { bytes: Buffer.from(`\uFEFF${text}`, "utf8"), mime: "text/csv; charset=utf-8", unencodable: [] };
  const { bytes, unencodable } = encodeCp932(text);
  return { bytes, mime: "text/csv; charset=Shift_JIS", unencodable };
}

/** The header that tells the page which characters the Shift_JIS file could not hold (percent-encoded). */
const unencodableHeader = "x-unencodable-characters";
const encodingHeader = "x-text-encoding";

/** A CSV as a download; the encoding label and any unencodable characters travel in headers the page shows. */
export function csvDownload(file: CsvFile, filename: string): Download {
  const headers: Record<string, string> = { [encodingHeader]: file.mime.includes("Shift_JIS") ? cp932Label : "UTF-8 (BOM)" };
  if (file.unencodable.length) headers[unencodableHeader] = encodeURIComponent(file.unencodable.join(""));
  return { filename, contentType: file.mime, body: file.bytes, headers };
}

/** A typed spreadsheet value as CSV text: dates as 2026-04-01, timestamps as 2026-04-01 09:30 (the Japan time they hold). */
export function csvValue(v: XlsxValue): CsvValue {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (v && typeof v === "object") return v.time.toISOString().slice(0, 16).replace("T", " ");
  return v;
}
