import { useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { Alert } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Card } from "../../components/card.js";
import { TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { formatDate, formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useHistory, useRecord } from "./api.js";
import { pctText } from "./format.js";
import { HistoryList } from "./history-list.js";
import { RecordForm } from "./record-form.js";
import { StepsTable } from "./steps-table.js";

/** One municipality's record for one item: steps and dates, the exception, the edit form and the history. */
export function RecordPage() {
  const { t, locale } = useI18n();
  const { orgId = "", itemId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const asOf = params.get("asOf") ?? undefined;
  const query = useRecord(orgId, itemId, asOf);
  const history = useHistory(orgId, itemId);
  const [saved, setSaved] = useState(false);
  return (
    <QueryState query={query}>
      {(r) => (
        <>
          <PageHeader
            title={t("progress.recordTitle", { org: r.org.name, item: r.item.name })}
            breadcrumbs={[
              { label: t("progress.title"), to: `/progress?programmeId=${r.programme.id}` },
              { label: r.org.name, to: `/progress/orgs/${r.org.id}` },
              { label: r.item.name, to: `/progress/items/${r.item.id}` },
              { label: t("progress.recordTitle", { org: r.org.name, item: r.item.name }) },
            ]}
            description={r.programme.name}
          />
          {saved && <Alert tone="success" role="status" className="mb-4" title={t("progress.saved")} />}
          <div className="flex flex-col gap-6">
            <Card id="record-summary" title={t("progress.summary")}>
              <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2">
                <div>
                  <dt className="text-dns-14N-130 text-solid-gray-700">{t("progress.pct")}</dt>
                  <dd className="text-std-24B-150 tabular-nums" data-testid="record-pct">
                    {pctText(r.pct)}
                  </dd>
                </div>
                {r.item.tracking === "steps" && (
                  <div>
                    <dt className="text-dns-14N-130 text-solid-gray-700">{t("progress.steps")}</dt>
                    <dd>{t("progress.doneOf", { done: r.done, total: r.applicable })}</dd>
                  </div>
                )}
                <div>
                  <dt className="text-dns-14N-130 text-solid-gray-700">{t("progress.dueDate")}</dt>
                  <dd className="flex flex-wrap items-center gap-2">
                    {formatDate(r.dueDate, locale) || t("state.none")}
                    {r.overdue && <Badge tone="red">{t("progress.overdue")}</Badge>}
                  </dd>
                </div>
                {r.programme.exceptionLabel && (
                  <div>
                    <dt className="text-dns-14N-130 text-solid-gray-700">{t("progress.exception")}</dt>
                    <dd>
                      {r.exception.flagged ? (
                        <>
                          <Badge tone="orange">{r.programme.exceptionLabel}</Badge>
                          <p>
                            {t("progress.revisedTarget")}：{formatDate(r.exception.revisedTarget, locale)}
                          </p>
                          <p className="whitespace-pre-wrap">{r.exception.reason}</p>
                        </>
                      ) : (
                        t("state.none")
                      )}
                    </dd>
                  </div>
                )}
                {r.updatedAt && (
                  <div>
                    <dt className="text-dns-14N-130 text-solid-gray-700">{t("progress.recent")}</dt>
                    <dd>
                      {formatDateTime(r.updatedAt, locale)} {r.updatedBy?.name}
                    </dd>
                  </div>
                )}
              </dl>
              <div className="max-w-xs">
                <TextField
                  type="date"
                  label={t("progress.asOf")}
                  hint={t("progress.asOfHint")}
                  value={asOf ?? ""}
                  onChange={(e) => setParams(e.target.value ? { asOf: e.target.value } : {})}
                />
              </div>
              {r.asOf && <Alert>{t("progress.asOfNotice", { date: formatDate(r.asOf, locale) })}</Alert>}
            </Card>
            {r.abilities.canEdit ? (
              <Card id="record-edit" title={t("progress.edit")}>
                <RecordForm key={r.version} record={r} onSaved={() => setSaved(true)} />
              </Card>
            ) : (
              <>
                <StepsTable record={r} />
                {!r.asOf && <p className="text-dns-14N-130 text-solid-gray-700">{t("progress.readOnly", { org: r.org.name })}</p>}
              </>
            )}
            <Card id="record-history" title={t("progress.history")}>
              <QueryState query={history}>{(h) => <HistoryList items={h.items} />}</QueryState>
            </Card>
          </div>
        </>
      )}
    </QueryState>
  );
}
