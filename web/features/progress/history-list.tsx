import { historySourceLabels, stepStatusLabels } from "../../../shared/api/progress.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import type { MessageKey } from "../../lib/messages/index.js";
import { evidenceUrl, type HistoryEntry } from "./api.js";
import { pctText } from "./format.js";

/** A value as people read it: statuses in words, booleans as ○, empty as （空欄）. */
function useShow() {
  const { t, label } = useI18n();
  return (field: string, v: unknown) => {
    if (v == null || v === "") return t("progress.empty");
    if (field === "status" && typeof v === "string" && v in stepStatusLabels)
      return label(stepStatusLabels, v as keyof typeof stepStatusLabels);
    if (typeof v === "boolean") return v ? "○" : "×";
    return String(v);
  };
}

/** Who changed what, when, from what to what — with the note and the evidence that went with it. */
export function HistoryList({ items, showItem }: { items: HistoryEntry[]; showItem?: boolean }) {
  const { t, label, locale } = useI18n();
  const show = useShow();
  if (!items.length) return <p>{t("progress.historyNone")}</p>;
  return (
    <ol className="flex flex-col gap-4">
      {items.map((h) => (
        <li key={h.id} className="rounded-8 border border-solid-gray-300 p-4">
          <p className="flex flex-wrap items-baseline gap-x-3 text-dns-14N-130 text-solid-gray-700">
            <time dateTime={h.at}>{formatDateTime(h.at, locale)}</time>
            <span>
              {h.actor
                ? t("progress.historyBy", { name: h.actor.name, org: h.actor.orgName ?? "" })
                : t("progress.historySystem")}
            </span>
            <span>{label(historySourceLabels, h.source)}</span>
            {h.pctBefore !== undefined && (
              <span>
                {t("progress.historyPct", {
                  before: pctText(h.pctBefore).replace("%", ""),
                  after: pctText(h.pct).replace("%", ""),
                })}
              </span>
            )}
          </p>
          {showItem && h.item && <p className="text-std-16B-170">{`${h.item.programmeName}／${h.item.name}`}</p>}
          <ul className="mt-2 flex flex-col gap-1 text-std-16N-170">
            {h.changes.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a change's position in its entry is its identity.
              <li key={i}>
                {c.target === "created" ? (
                  t("progress.created")
                ) : (
                  <>
                    {c.target !== "record" && <span className="font-bold">{c.label} </span>}
                    {t(`progress.field.${c.field}` as MessageKey)}：{show(c.field, c.before)} → {show(c.field, c.after)}
                  </>
                )}
              </li>
            ))}
          </ul>
          {h.note && <p className="mt-2 whitespace-pre-wrap rounded-4 bg-solid-gray-50 px-3 py-2">{h.note}</p>}
          {h.evidence && (
            <p className="mt-2">
              {t("progress.evidence")}：
              <a className="link" href={evidenceUrl(h.id)} download>
                {h.evidence.name}
              </a>
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
