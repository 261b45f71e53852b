import { type ReactNode, useState } from "react";
import { useSearchParams } from "react-router";
import { useI18n } from "../lib/i18n.js";
import { Button } from "./button.js";

/**
 * A list's filters kept in the URL (?role=…&q=…&offset=…), so a filtered page can be bookmarked and
 * shared: the applied values, a draft the form edits, and the page offset. Absent values are "".
 */
export function useUrlFilter<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const filter = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ""])) as Record<K, string>;
  const offset = Number(params.get("offset") ?? 0) || 0;
  const [draft, setDraft] = useState(filter);
  const go = (next: Record<K, string>, nextOffset = 0) => {
    const p = new URLSearchParams();
    for (const k of keys) if (next[k]?.trim()) p.set(k, next[k].trim());
    if (nextOffset) p.set("offset", String(nextOffset));
    setParams(p);
  };
  return {
    filter,
    offset,
    draft,
    setDraft,
    /** Applies the draft, back to the first page. */
    apply: () => go(draft),
    /** Empties the form and the filter. */
    clear: () => {
      const empty = Object.fromEntries(keys.map((k) => [k, ""])) as Record<K, string>;
      setDraft(empty);
      go(empty);
    },
    /** Another page of the applied filter. */
    page: (nextOffset: number) => go(filter, nextOffset),
  };
}

// Whole class names, so Tailwind sees them.
const columnClass = { 3: "lg:grid-cols-3", 4: "lg:grid-cols-4", 5: "lg:grid-cols-5" };

/** The filter panel above a list: its fields, then 検索する and 条件をクリア. */
export function FilterBar({
  label,
  columns,
  onApply,
  onClear,
  children,
}: {
  /** Names the search landmark ("ユーザーの絞り込み"). */
  label: string;
  /** Fields per row on wide screens, the buttons included. */
  columns: keyof typeof columnClass;
  onApply: () => void;
  onClear: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <search aria-label={label} className="mb-6 block rounded-12 bg-solid-gray-50 p-4">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onApply();
        }}
        className={`grid grid-cols-1 items-end gap-4 sm:grid-cols-2 ${columnClass[columns]}`}
      >
        {children}
        <div className="flex flex-wrap gap-3">
          <Button type="submit">{t("action.search")}</Button>
          <Button variant="text" onClick={onClear}>
            {t("action.clear")}
          </Button>
        </div>
      </form>
    </search>
  );
}
