import { type ClipboardEvent, useEffect, useId, useState } from "react";
import { parseNumberInput } from "../../../shared/numbers.js";
import type { GridColumn, Question } from "../../../shared/surveys/definition.js";
import type { GridValue } from "../../../shared/surveys/rules.js";
import { useI18n } from "../../lib/i18n.js";
import { fillDown, isBlock, pasteIntoGrid } from "./grid-paste.js";

type Grid = Extract<Question, { kind: "grid" }>;

const cellClass = (error?: string) =>
  `w-full min-w-28 rounded-6 border bg-white px-2 py-1.5 text-dns-16N-130 disabled:bg-solid-gray-50 ${error ? "border-2 border-error-1" : "border-solid-gray-900"}`;

/** A scroll region; `relative` makes it the containing block of its screen-reader-only labels, which would otherwise widen the page. */
const regionClass = "relative overflow-x-auto rounded-8 border border-solid-gray-300";

/**
 * The Excel-style grid: fixed rows, typed columns. Every cell is labelled "row・column" for screen
 * readers; the table scrolls sideways on a phone inside a focusable region.
 */
export function GridField({
  q,
  value,
  onChange,
  errors,
  disabled,
}: {
  q: Grid;
  value: unknown;
  onChange: (v: unknown) => void;
  errors: Map<string, string>;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const grid = (value ?? {}) as GridValue;
  const set = (rowId: string, colId: string, v: unknown) => onChange({ ...grid, [rowId]: { ...grid[rowId], [colId]: v } });
  const [status, setStatus] = useState("");
  // A block copied from Excel fills the grid from the cell it is pasted into.
  const paste = (rowIndex: number, colIndex: number) => (e: ClipboardEvent<HTMLElement>) => {
    const text = e.clipboardData.getData("text/plain");
    if (!isBlock(text)) return;
    e.preventDefault();
    const { grid: next, cells } = pasteIntoGrid(q, grid, rowIndex, colIndex, text);
    onChange(next);
    setStatus(t("surveys.pasted", { n: cells }));
  };
  const fill = (c: GridColumn) => {
    const { grid: next, filled } = fillDown(q, grid, c.id);
    onChange(next);
    setStatus(t("surveys.filledDown", { n: filled, column: c.label }));
  };
  const cellErrors = [...errors].filter(([k]) => k !== "");
  return (
    <div className="flex flex-col gap-2">
      <p id={`${id}-title`} className="text-std-16B-170 text-solid-gray-800">
        {q.title}
        {q.required && <span className="ml-2 text-dns-14N-130 text-error-2"> {t("form.required")}</span>}
      </p>
      {q.help && <p className="text-dns-14N-130 text-solid-gray-700">{q.help}</p>}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1). */}
      <section aria-labelledby={`${id}-title`} tabIndex={0} className={regionClass}>
        <table className="w-full border-collapse text-left text-dns-16N-130">
          <thead className="bg-solid-gray-50">
            <tr>
              <th scope="col" className="border-b border-solid-gray-420 px-3 py-2">
                {t("surveys.gridRow")}
              </th>
              {q.columns.map((c) => (
                <th key={c.id} scope="col" className="border-b border-solid-gray-420 px-3 py-2 whitespace-nowrap">
                  {c.label}
                  {c.kind === "number" && c.unit ? `（${c.unit}）` : ""}
                  {c.required && (
                    <span className="ml-1 text-error-2">
                      <span aria-hidden="true">*</span>
                      <span className="sr-only">{t("form.required")}</span>
                    </span>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {q.rows.map((r, ri) => (
              <tr key={r.id} className="border-b border-solid-gray-200 last:border-b-0">
                <th scope="row" className="px-3 py-2 text-left text-dns-16B-130 whitespace-nowrap">
                  {r.label}
                </th>
                {q.columns.map((c, ci) => (
                  <td key={c.id} className="px-2 py-1 align-top">
                    <Cell
                      onPaste={paste(ri, ci)}
                      col={c}
                      label={`${r.label}・${c.label}`}
                      value={grid[r.id]?.[c.id]}
                      disabled={disabled}
                      error={errors.get(`${r.id}.${c.id}`)}
                      onChange={(v) => set(r.id, c.id, v)}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {!disabled && (
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-dns-14N-130 text-solid-gray-700">{t("surveys.pasteHint")}</span>
          {q.columns.map((c) => (
            <button key={c.id} type="button" className="link text-dns-14N-130" onClick={() => fill(c)}>
              {t("surveys.fillDown", { column: c.label })}
            </button>
          ))}
        </div>
      )}
      <p role="status" className="sr-only">
        {status}
      </p>
      {(errors.get("") || cellErrors.length > 0) && (
        <ul className="text-dns-16N-130 text-error-2">
          {errors.get("") && <li>! {errors.get("")}</li>}
          {cellErrors.slice(0, 10).map(([k, m]) => (
            <li key={k}>! {m}</li>
          ))}
          {cellErrors.length > 10 && <li>{t("surveys.moreErrors", { n: cellErrors.length - 10 })}</li>}
        </ul>
      )}
    </div>
  );
}

function Cell({
  col,
  label,
  value,
  error,
  disabled,
  onChange,
  onPaste,
}: {
  onPaste: (e: ClipboardEvent<HTMLElement>) => void;
  col: GridColumn;
  label: string;
  value: unknown;
  error?: string;
  disabled?: boolean;
  onChange: (v: unknown) => void;
}) {
  const { t } = useI18n();
  const common = {
    "aria-label": label,
    "aria-invalid": error ? true : undefined,
    disabled,
    className: cellClass(error),
    onPaste,
  };
  if (col.kind === "single_choice" || col.kind === "yes_no") {
    const options =
      col.kind === "yes_no"
        ? [
            { id: "true", label: t("surveys.yes") },
            { id: "false", label: t("surveys.no") },
          ]
        : col.options;
    return (
      <select
        {...common}
        value={value == null ? "" : String(value)}
        onChange={(e) =>
          onChange(e.target.value === "" ? null : col.kind === "yes_no" ? e.target.value === "true" : e.target.value)
        }
      >
        <option value="">—</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  if (col.kind === "date")
    return <input type="date" {...common} value={(value as string) ?? ""} onChange={(e) => onChange(e.target.value || null)} />;
  if (col.kind === "number") return <NumberCell common={common} value={value} onChange={onChange} />;
  return <input {...common} value={(value as string) ?? ""} onChange={(e) => onChange(e.target.value)} />;
}

/** Keeps what is typed; only a real number reaches the answer, and a colleague's merged value shows up. */
function NumberCell({
  common,
  value,
  onChange,
}: {
  common: Record<string, unknown>;
  value: unknown;
  onChange: (v: unknown) => void;
}) {
  const [text, setText] = useState(value == null ? "" : String(value));
  useEffect(() => {
    setText((cur) => (parseNumberInput(cur) === (value ?? null) ? cur : value == null ? "" : String(value)));
  }, [value]);
  const bad = Number.isNaN(parseNumberInput(text));
  return (
    <input
      inputMode="decimal"
      {...common}
      aria-invalid={bad || common["aria-invalid"] ? true : undefined}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const n = parseNumberInput(e.target.value);
        if (!Number.isNaN(n)) onChange(n);
      }}
    />
  );
}
