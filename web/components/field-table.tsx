import type { ReactNode } from "react";

/**
 * A table of fields, one row per thing (a municipality, a phase) and one column per field. Each field's
 * label names its row for screen readers (「阿武町 利用量」) while sighted users read the column header.
 */
export function FieldTable<R>({
  caption,
  rowHeader,
  columns,
  rows,
  rowKey,
  rowName,
}: {
  caption?: string;
  rowHeader: string;
  columns: { key: string; header: string; field: (row: R, i: number, label: ReactNode) => ReactNode }[];
  rows: R[];
  rowKey: (row: R) => string;
  rowName: (row: R) => string;
}) {
  return (
    <table className="w-full border-collapse">
      {caption && <caption className="sr-only">{caption}</caption>}
      <thead>
        <tr>
          {[rowHeader, ...columns.map((c) => c.header)].map((h) => (
            <th key={h} scope="col" className="px-2 py-1 text-left">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={rowKey(row)} className="border-t border-solid-gray-420 align-top">
            <th scope="row" className="px-2 py-2 text-left">
              {rowName(row)}
            </th>
            {columns.map((c) => (
              <td key={c.key} className="px-2 py-2">
                {c.field(
                  row,
                  i,
                  <>
                    <span className="sr-only">{rowName(row)} </span>
                    {c.header}
                  </>,
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
