import { Link, useParams, useSearchParams } from "react-router";
import { Alert } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Card } from "../../components/card.js";
import { DataTable } from "../../components/data-table.js";
import { TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { recordPath, useOrgPage } from "./api.js";
import { pctText } from "./format.js";
import { HistoryList } from "./history-list.js";
import { KpiSection } from "./kpis.js";

/** One municipality: all its programmes, its lagging items and its recent changes. */
export function OrgProgressPage() {
  const { t, locale } = useI18n();
  const { orgId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const asOf = params.get("asOf") ?? undefined;
  const query = useOrgPage(orgId, asOf);
  return (
    <QueryState query={query}>
      {(d) => (
        <>
          <PageHeader
            title={t("progress.orgTitle", { org: d.org.name })}
            breadcrumbs={[{ label: t("progress.title"), to: "/progress" }, { label: d.org.name }]}
            description={
              <span className="flex flex-wrap gap-2">
                {d.org.isSmall && <Badge>{t("progress.small")}</Badge>}
                {d.asOf && t("progress.asOfNotice", { date: formatDate(d.asOf, locale) })}
              </span>
            }
          />
          <p className="mb-4">
            <Link className="link" to={`/progress/orgs/${d.org.id}/timeline`}>
              {t("timeline.link")}
            </Link>
          </p>
          <div className="mb-6 max-w-xs">
            <TextField
              type="date"
              label={t("progress.asOf")}
              hint={t("progress.asOfHint")}
              value={asOf ?? ""}
              onChange={(e) => setParams(e.target.value ? { asOf: e.target.value } : {})}
            />
          </div>
          <div className="flex flex-col gap-6">
            <Card id="org-lagging" title={t("progress.lagging")}>
              {d.lagging.length ? (
                <ul className="flex flex-col gap-2">
                  {d.lagging.map((l) => (
                    <li key={l.itemId}>
                      <Link className="link" to={recordPath(d.org.id, l.itemId)}>
                        {`${l.programmeName}／${l.itemName}`}
                      </Link>{" "}
                      {pctText(l.pct)}
                      {l.exception && (
                        <>
                          {" "}
                          <Badge tone="orange">{t("progress.markException")}</Badge>
                        </>
                      )}
                      <p className="text-dns-16N-130 text-solid-gray-800">
                        {`${t("progress.laggingWhy")}：`}
                        {l.reasons
                          .map((r) =>
                            r === "overdue"
                              ? t("progress.laggingOverdue", { date: formatDate(l.dueDate, locale, { western: false }) })
                              : t("progress.laggingBelowMean", { mean: pctText(l.mean), points: String(l.lagPoints) }),
                          )
                          .join("、")}
                      </p>
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{t("progress.laggingNone")}</p>
              )}
            </Card>
            {d.programmes.map((p) => (
              <section key={p.id} aria-labelledby={`prog-${p.id}`} className="flex flex-col gap-2">
                <h2 id={`prog-${p.id}`} className="text-std-20B-150">
                  {p.name}　<span className="tabular-nums">{pctText(p.pct)}</span>
                </h2>
                <DataTable
                  caption={p.name}
                  hideCaption
                  columns={[
                    {
                      key: "name",
                      header: t("progress.item"),
                      cell: (i) => (
                        <Link className="link" to={recordPath(d.org.id, i.id)}>
                          {i.name}
                        </Link>
                      ),
                    },
                    { key: "pct", header: t("progress.pct"), cell: (i) => pctText(i.pct), numeric: true },
                    {
                      key: "done",
                      header: t("progress.steps"),
                      cell: (i) =>
                        i.tracking === "steps" && i.applicable != null
                          ? t("progress.doneOf", { done: i.done ?? 0, total: i.applicable })
                          : "",
                      numeric: true,
                    },
                    { key: "due", header: t("progress.dueDate"), cell: (i) => formatDate(i.dueDate, locale) },
                    {
                      key: "flags",
                      header: t("progress.status"),
                      cell: (i) => (
                        <span className="flex flex-wrap gap-1">
                          {i.overdue && <Badge tone="red">{t("progress.overdue")}</Badge>}
                          {i.exception && <Badge tone="orange">{p.exceptionLabel ?? t("progress.markException")}</Badge>}
                        </span>
                      ),
                    },
                  ]}
                  rows={p.items}
                  rowKey={(i) => i.id}
                  empty={t("state.none")}
                />
                {p.items.some((i) => i.tracking === "metrics") && (
                  <KpiSection programmeId={p.id} orgId={d.org.id} headingId={`kpi-${p.id}`} level={3} />
                )}
              </section>
            ))}
            {!d.asOf && (
              <Card id="org-recent" title={t("progress.recent")}>
                {d.recent.length ? <HistoryList items={d.recent} showItem /> : <Alert>{t("progress.recentNone")}</Alert>}
              </Card>
            )}
          </div>
        </>
      )}
    </QueryState>
  );
}
