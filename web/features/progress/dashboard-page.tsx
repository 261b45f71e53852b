import { Link, useNavigate } from "react-router";
import { behindReasonLabels } from "../../../shared/api/progress-views.js";
import { Alert } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Button, ButtonLink } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { type Dashboard, recordPath, useDashboard, useMatrix } from "./api.js";
import { HeatmapChart, TrendChart } from "./charts.js";
import { DashboardFilters, type DashboardParams, useDashboardParams } from "./dashboard-filters.js";
import { ExportJobButton } from "./export-job.js";
import { monthLabel, pctText, signedPct } from "./format.js";
import { KpiSection } from "./kpis.js";
import { MatrixTable } from "./matrix-table.js";

export function DashboardPage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useDashboardParams();
  const query = useDashboard({ ...params });
  return (
    <>
      <PageHeader
        title={t("progress.title")}
        description={t("progress.lead")}
        actions={query.data && <HeaderActions d={query.data} />}
      />
      <QueryState query={query}>
        {(d) => (
          <>
            <DashboardFilters
              key={JSON.stringify(params)}
              value={params}
              onChange={setParams}
              programmes={d.programmes}
              today={d.today}
            />
            {d.asOf && (
              <Alert tone="info" className="mb-6" title={t("progress.asOfNotice", { date: formatDate(d.asOf, locale) })}>
                <Button variant="text" size="sm" onClick={() => setParams({ ...params, asOf: undefined })}>
                  {t("progress.backToNow")}
                </Button>
              </Alert>
            )}
            {d.programme && <DashboardBody d={d} params={params} />}
          </>
        )}
      </QueryState>
    </>
  );
}

function HeaderActions({ d }: { d: Dashboard }) {
  const { t } = useI18n();
  return (
    <>
      {d.abilities.canEditOrgId && (
        <ButtonLink to={`/progress/orgs/${d.abilities.canEditOrgId}`}>{t("progress.myOrg")}</ButtonLink>
      )}
      {d.abilities.canImport && <ButtonLink to="/progress/import">{t("progress.import")}</ButtonLink>}
      {d.abilities.canManage && <ButtonLink to="/progress/manage">{t("progress.manage")}</ButtonLink>}
      {d.programme && <ExportJobButton programmeId={d.programme.id} />}
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-12 border border-solid-gray-300 p-4">
      <dt className="text-dns-14N-130 text-solid-gray-700">{label}</dt>
      <dd className="text-std-28B-150 tabular-nums">{value}</dd>
    </div>
  );
}

/** Online procedures: the national figure (マイナポータル only) and, beside it and labelled, any online channel. */
function OnlineCompletion({ online }: { online: NonNullable<Dashboard["online"]> }) {
  const { t } = useI18n();
  const value = (f: { complete: number; pct: number | null }) =>
    f.pct == null
      ? t("progress.onlineNoValue")
      : t("progress.onlineValue", { complete: f.complete, counted: online.counted, pct: pctText(f.pct) });
  return (
    <section aria-labelledby="progress-online" className="flex flex-col gap-3">
      <h2 id="progress-online" className="text-std-20B-150">
        {t("progress.onlineTitle")}
      </h2>
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Stat label={t("progress.onlineNational")} value={value(online.national)} />
        <Stat label={t("progress.onlineBroad")} value={value(online.broad)} />
      </dl>
      <p className="text-dns-14N-130 text-solid-gray-700">{t("progress.onlineNote")}</p>
      {online.noData > 0 && (
        <p className="text-dns-14N-130 text-solid-gray-700">{t("progress.onlineNoTargets", { n: online.noData })}</p>
      )}
    </section>
  );
}

function DashboardBody({ d, params }: { d: Dashboard; params: DashboardParams }) {
  const { t, label, locale } = useI18n();
  const navigate = useNavigate();
  const matrix = useMatrix({ ...params, programmeId: d.programme!.id });
  return (
    <div className="flex flex-col gap-8">
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Stat label={t("progress.overall")} value={pctText(d.overall)} />
        <Stat label={t("progress.median")} value={pctText(d.median)} />
        <Stat label={t("progress.behindCount")} value={String(d.behindCount)} />
      </dl>
      {d.online && <OnlineCompletion online={d.online} />}
      <KpiSection programmeId={d.programme!.id} headingId="progress-kpis" />
      {d.programme?.deadline && (
        <p className="-mt-4 text-dns-14N-130 text-solid-gray-700">
          {t("progress.deadline")}：{formatDate(d.programme.deadline, locale)}
        </p>
      )}

      <section aria-labelledby="progress-heatmap" className="flex flex-col gap-3">
        <h2 id="progress-heatmap" className="text-std-20B-150">
          {t("progress.heatmap")}
        </h2>
        <QueryState query={matrix}>
          {(m) => (
            <>
              <HeatmapChart
                rows={namesOf(m.orgIds, d.orgs)}
                columns={namesOf(m.itemIds, d.items)}
                cells={m.cells}
                label={t("progress.heatmapChart")}
                onOpen={(r, c) => navigate(recordPath(m.orgIds[r]!, m.itemIds[c]!))}
              />
              <p className="text-dns-14N-130 text-solid-gray-700">
                {t("progress.heatmapLegend", { label: d.programme?.exceptionLabel ?? t("progress.markException") })}
              </p>
              <MatrixTable summary={d} matrix={m} />
            </>
          )}
        </QueryState>
      </section>

      <section aria-labelledby="progress-trend" className="flex flex-col gap-3">
        <h2 id="progress-trend" className="text-std-20B-150">
          {t("progress.trend")}
        </h2>
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
          <div className="lg:col-span-2">
            <TrendChart
              months={d.trend.map((p) => monthLabel(p.month, locale))}
              values={d.trend.map((p) => p.pct)}
              label={t("progress.trendChart")}
            />
          </div>
          <DataTable
            caption={t("progress.trendTable")}
            columns={[
              { key: "m", header: t("progress.month"), cell: (p) => monthLabel(p.month, locale) },
              { key: "p", header: t("progress.pct"), cell: (p) => pctText(p.pct), numeric: true },
            ]}
            rows={d.trend}
            rowKey={(p) => p.month}
            empty={t("state.none")}
          />
        </div>
      </section>

      <section aria-labelledby="progress-behind" className="flex flex-col gap-3">
        <h2 id="progress-behind" className="text-std-20B-150">
          {t("progress.behind")}
        </h2>
        <DataTable
          caption={t("progress.behindTable")}
          hideCaption
          columns={[
            {
              key: "name",
              header: t("progress.municipality"),
              cell: (b) => (
                <span className="flex flex-wrap items-center gap-2">
                  <Link className="link" to={`/progress/orgs/${b.orgId}`}>
                    {b.name}
                  </Link>
                  {b.isSmall && <Badge>{t("progress.small")}</Badge>}
                </span>
              ),
            },
            { key: "pct", header: t("progress.pct"), cell: (b) => pctText(b.pct), numeric: true },
            { key: "over", header: t("progress.overdueItems"), cell: (b) => b.overdueItems, numeric: true },
            { key: "gap", header: t("progress.medianGap"), cell: (b) => signedPct(b.medianGap), numeric: true },
            {
              key: "why",
              header: t("progress.reasons"),
              cell: (b) => b.reasons.map((r) => label(behindReasonLabels, r)).join("、"),
            },
          ]}
          rows={d.behind}
          rowKey={(b) => b.orgId}
          empty={t("progress.behindNone")}
        />
        {d.behindCount > d.behind.length && (
          <p className="text-dns-14N-130 text-solid-gray-700">
            {t("progress.behindListed", { shown: d.behind.length, count: d.behindCount })}
          </p>
        )}
      </section>
    </div>
  );
}

/** The names of `ids` in their order (1,741 municipalities at national scale: one lookup each, not a search). */
function namesOf(ids: string[], rows: { id: string; name: string }[]): string[] {
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return ids.map((id) => names.get(id) ?? "");
}
