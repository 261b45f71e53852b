import { type ReactNode, useId } from "react";

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Numbers align right. */
  numeric?: boolean;
  className?: string;
}

export interface DataTableProps<T> {
  caption: ReactNode;
  /** Hides the caption visually (it stays for screen readers). */
  hideCaption?: boolean;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  empty: ReactNode;
}

/** A plain, accessible table; on a narrow screen it scrolls sideways inside a focusable region. */
export function DataTable<T>({ caption, hideCaption, columns, rows, rowKey, empty }: DataTableProps<T>) {
  const captionId = useId();
  if (rows.length === 0)
    return (
      <div className="rounded-8 border border-solid-gray-300 bg-solid-gray-50 px-4 py-6 text-std-16N-170">
        <p className={hideCaption ? "sr-only" : "text-std-16B-170"}>{caption}</p>
        <p>{empty}</p>
      </div>
    );
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
    <section aria-labelledby={captionId} tabIndex={0} className="relative overflow-x-auto rounded-8 border border-solid-gray-300">
      <table className="w-full border-collapse text-left text-dns-16N-130">
        <caption id={captionId} className={hideCaption ? "sr-only" : "px-4 py-3 text-left text-std-16B-170"}>
          {caption}
        </caption>
        <thead className="bg-solid-gray-50">
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={`border-b border-solid-gray-420 px-4 py-3 text-dns-16B-130 whitespace-nowrap ${c.numeric ? "text-right" : ""}`}
              >
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className="border-b border-solid-gray-200 last:border-b-0 hover:bg-blue-50">
              {columns.map((c) => (
                <td
                  key={c.key}
                  className={`px-4 py-3 align-top ${c.numeric ? "text-right tabular-nums" : ""} ${c.className ?? ""}`}
                >
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
