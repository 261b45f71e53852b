import { useI18n } from "../lib/i18n.js";
import { Button } from "./button.js";

export interface PagerProps {
  offset: number;
  limit: number;
  total: number;
  onChange: (offset: number) => void;
  /** A filter or search narrows the list: the count says so (「絞り込み中：該当 12件中 …」). */
  filtered?: boolean;
}

/** 「120件中 1〜50件」 with previous/next buttons. */
export function Pager({ offset, limit, total, onChange, filtered }: PagerProps) {
  const { t } = useI18n();
  if (total === 0) return null;
  const from = offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav aria-label={t("pager.label")} className="mt-4 flex flex-wrap items-center justify-between gap-3">
      <p className="text-std-16N-170">{t(filtered ? "pager.rangeFiltered" : "pager.range", { total, from, to })}</p>
      <div className="flex gap-3">
        <Button variant="secondary" size="sm" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
          {t("pager.prev")}
        </Button>
        <Button variant="secondary" size="sm" disabled={to >= total} onClick={() => onChange(offset + limit)}>
          {t("pager.next")}
        </Button>
      </div>
    </nav>
  );
}
