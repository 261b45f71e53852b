import { Link, useParams } from "react-router";
import { stepStatusLabels } from "../../../shared/api/progress.js";
import { Badge } from "../../components/badge.js";
import { DataTable } from "../../components/data-table.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { recordPath, useItemPage } from "./api.js";
import { pctText } from "./format.js";

const short: Record<string, string> = { done: "完", in_progress: "着", not_started: "未", not_applicable: "外" };

/** One item across every municipality, with each step's status. */
export function ItemProgressPage() {
  const { t, label, locale } = useI18n();
  const { itemId = "" } = useParams();
  const query = useItemPage(itemId);
  return (
    <QueryState query={query}>
      {(d) => {
        const steps = d.item.steps.filter((s) => !s.archived);
        return (
          <>
            <PageHeader
              title={t("progress.itemTitle", { item: d.item.name })}
              breadcrumbs={[
                { label: t("progress.title"), to: `/progress?programmeId=${d.programme.id}` },
                { label: d.item.name },
              ]}
              description={`${d.programme.name}　${t("progress.itemAverage")} ${pctText(d.pct)}`}
            />
            {d.item.tracking === "steps" && (
              <p className="mb-4">
                <Link className="link" to={`/progress/items/${d.item.id}/timeline`}>
                  {t("timeline.link")}
                </Link>
              </p>
            )}
            {steps.length > 1 && (
              <details className="mb-4">
                <summary className="cursor-pointer text-std-16B-170">{t("progress.stepLegend")}</summary>
                <ol className="mt-2 list-decimal pl-6">
                  {steps.map((s) => (
                    <li key={s.id}>{s.name}</li>
                  ))}
                </ol>
                <p className="mt-2 text-dns-14N-130">
                  {Object.entries(short)
                    .map(([k, v]) => `${v}＝${label(stepStatusLabels, k as keyof typeof stepStatusLabels)}`)
                    .join("　")}
                </p>
              </details>
            )}
            <DataTable
              caption={d.item.name}
              hideCaption
              columns={[
                {
                  key: "org",
                  header: t("progress.municipality"),
                  cell: (r) => (
                    <span className="flex flex-wrap items-center gap-1 whitespace-nowrap">
                      <Link className="link" to={recordPath(r.org.id, d.item.id)}>
                        {r.org.name}
                      </Link>
                      {r.org.isSmall && <Badge>{t("progress.small")}</Badge>}
                    </span>
                  ),
                },
                { key: "pct", header: t("progress.pct"), cell: (r) => pctText(r.pct), numeric: true },
                ...steps.map((s, i) => ({
                  key: s.id,
                  header: <abbr title={s.name}>{steps.length > 1 ? i + 1 : s.name}</abbr>,
                  cell: (r: (typeof d.rows)[number]) => {
                    const st = r.steps?.[i];
                    return st ? <abbr title={label(stepStatusLabels, st.status)}>{short[st.status]}</abbr> : "";
                  },
                })),
                { key: "due", header: t("progress.dueDate"), cell: (r) => formatDate(r.dueDate, locale) },
                {
                  key: "flags",
                  header: t("progress.status"),
                  cell: (r) => (
                    <span className="flex flex-wrap gap-1">
                      {r.overdue && <Badge tone="red">{t("progress.overdue")}</Badge>}
                      {r.exception && <Badge tone="orange">{d.programme.exceptionLabel ?? t("progress.markException")}</Badge>}
                    </span>
                  ),
                },
              ]}
              rows={d.rows}
              rowKey={(r) => r.org.id}
              empty={t("state.none")}
            />
          </>
        );
      }}
    </QueryState>
  );
}
