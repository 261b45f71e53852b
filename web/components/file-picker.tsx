import type { ReactNode } from "react";
import { DataTable } from "./data-table.js";

/** What each kind of import accepts: an Excel sheet or a CSV (UTF-8 or Shift_JIS, decoded on the server), or a CSV only. */
const accepts = {
  spreadsheet: ".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: ".csv,text/csv",
} as const;

/**
 * The one file picker of the import screens: a visible label, an optional hint and error tied to the input
 * (aria-describedby / aria-invalid), and the name of the file chosen.
 */
export function FilePicker({
  id,
  label,
  accept,
  hint,
  error,
  selected,
  onFile,
}: {
  id: string;
  label: string;
  accept: keyof typeof accepts;
  hint?: ReactNode;
  error?: string;
  /** Shown under the input once a file is chosen (e.g. 「選択中: 名簿.xlsx」). */
  selected?: string;
  onFile: (file: File | null) => void;
}) {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-std-16B-170">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-dns-14N-130 text-solid-gray-700">
          {hint}
        </p>
      )}
      <input
        id={id}
        type="file"
        accept={accepts[accept]}
        onChange={(e) => onFile(e.target.files?.[0] ?? null)}
        aria-describedby={describedBy || undefined}
        aria-invalid={error ? true : undefined}
        className="rounded-8 border border-solid-gray-900 px-3 py-2 text-std-16N-170 file:mr-3 file:rounded-6 file:border file:border-blue-900 file:bg-white file:px-3 file:py-1 file:text-blue-900"
      />
      {error && (
        <p id={`${id}-error`} className="text-dns-16N-130 text-error-2">
          {error}
        </p>
      )}
      {selected && <p className="text-dns-14N-130 text-solid-gray-700">{selected}</p>}
    </div>
  );
}

export type RowIssue = { row?: number | null; column?: string | null; message: string };

/** An uploaded sheet's refusals, one per row and column, as a dry run or a refused apply reports them. */
export function RowIssuesTable({
  caption,
  issues,
  headers,
  limit = Number.POSITIVE_INFINITY,
}: {
  caption: string;
  issues: RowIssue[];
  headers: { row: string; column: string; problem: string };
  limit?: number;
}) {
  return (
    <DataTable
      caption={caption}
      columns={[
        { key: "r", header: headers.row, cell: (i) => i.row ?? "" },
        { key: "c", header: headers.column, cell: (i) => i.column ?? "" },
        { key: "m", header: headers.problem, cell: (i) => i.message },
      ]}
      rows={issues.slice(0, limit).map((i, n) => ({ ...i, n }))}
      rowKey={(i) => String(i.n)}
      empty=""
    />
  );
}
