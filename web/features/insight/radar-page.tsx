import { useState } from "react";
import { Link } from "react-router";
import { type RadarView, radarComponentKeys, radarComponents } from "../../../shared/api/insight.js";
import { parseNumberInput } from "../../../shared/numbers.js";
import { FormError } from "../../components/alert.js";
import { BarChart } from "../../components/bar-chart.js";
import { Button } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useRadar, useSavePlan } from "./radar-api.js";

const TOP = 20;

/** Every municipality's support-priority score with its components, a chart of the top ones, and the plan of hours. */
export function RadarPage() {
  const { t, locale } = useI18n();
  const query = useRadar();
  return (
    <QueryState query={query}>
      {(data) => (
        <>
          <PageHeader
            title={t("radar.title")}
            description={t("radar.lead")}
            breadcrumbs={[{ label: t("insight.title"), to: "/insight" }, { label: t("radar.title") }]}
          />
          <p className="flex flex-wrap gap-4">
            <span>{t("radar.asOf", { date: formatDate(data.asOf, locale) })}</span>
            <Link className="link" to="/insight/radar/backtest">
              {t("radar.backtestLink")}
            </Link>
          </p>
          <Formula />
          <RadarChart data={data} />
          <PlanTable data={data} />
        </>
      )}
    </QueryState>
  );
}

function Formula() {
  const { t, locale } = useI18n();
  return (
    <section aria-labelledby="radar-formula" className="mt-4">
      <h2 id="radar-formula" className="text-std-20B-150">
        {t("radar.formula")}
      </h2>
      <ul className="list-disc pl-6">
        {radarComponentKeys.map((k) => {
          const c = radarComponents[k];
          return (
            <li key={k}>{t("radar.formulaLine", { label: locale === "en" ? c.en : c.ja, weight: c.weight, cap: c.cap })}</li>
          );
        })}
      </ul>
    </section>
  );
}

function RadarChart({ data }: { data: RadarView }) {
  const { t, locale } = useI18n();
  const top = data.rows.slice(0, TOP);
  const name = (k: (typeof radarComponentKeys)[number]) => (locale === "en" ? radarComponents[k].en : radarComponents[k].ja);
  return (
    <section aria-labelledby="radar-chart" className="mt-6 flex flex-col gap-3">
      <h2 id="radar-chart" className="text-std-20B-150">
        {t("radar.chart", { n: top.length })}
      </h2>
      <BarChart
        label={t("radar.chart", { n: top.length })}
        horizontal
        stacked
        categories={top.map((r) => r.orgName)}
        series={radarComponentKeys.map((k) => ({
          name: name(k),
          values: top.map((r) => r.components.find((c) => c.key === k)?.points ?? 0),
        }))}
        table={null}
      />
    </section>
  );
}

function PlanTable({ data }: { data: RadarView }) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const save = useSavePlan();
  const [period, setPeriod] = useState(data.period);
  const [capacity, setCapacity] = useState(String(data.capacityHours));
  const [hours, setHours] = useState<Record<string, string>>(() =>
    Object.fromEntries(data.rows.map((r) => [r.orgId, r.plannedHours == null ? "" : String(r.plannedHours)])),
  );
  const num = (v: string | undefined) => parseNumberInput(v ?? "") ?? 0;
  const total = data.rows.reduce((s, r) => s + num(hours[r.orgId]), 0);
  const cap = num(capacity);
  const name = (k: (typeof radarComponentKeys)[number]) => (locale === "en" ? radarComponents[k].en : radarComponents[k].ja);
  const submit = () =>
    save.mutate(
      {
        period,
        capacityHours: parseNumberInput(capacity) ?? (capacity as unknown as number),
        allocations: data.rows.map((r) => ({ orgId: r.orgId, hours: num(hours[r.orgId]) })).filter((a) => a.hours > 0),
      },
      { onSuccess: () => toast.show(t("radar.saved"), "success") },
    );
  return (
    <section aria-labelledby="radar-plan" className="mt-6 flex flex-col gap-3">
      <h2 id="radar-plan" className="text-std-20B-150">
        {t("radar.plan")}
      </h2>
      {data.canEdit && (
        <div className="flex flex-wrap items-end gap-4">
          <TextField label={t("radar.period")} value={period} onChange={(e) => setPeriod(e.target.value)} className="w-64" />
          <TextField
            label={t("radar.capacity")}
            inputMode="numeric"
            value={capacity}
            onChange={(e) => setCapacity(e.target.value)}
            className="w-64"
          />
          <Button
            variant="secondary"
            onClick={() => setHours(Object.fromEntries(data.rows.map((r) => [r.orgId, String(r.proposedHours || "")])))}
          >
            {t("radar.useProposal")}
          </Button>
        </div>
      )}
      <p aria-live="polite" className={total > cap ? "font-bold text-error-1" : ""}>
        {t("radar.total", { total, capacity: cap })}
      </p>
      <FormError error={save.error} />
      <DataTable
        caption={t("radar.table")}
        rows={data.rows}
        rowKey={(r) => r.orgId}
        empty="—"
        columns={[
          { key: "rank", header: t("radar.rank"), cell: (r) => data.rows.indexOf(r) + 1 },
          {
            key: "org",
            header: t("radar.org"),
            cell: (r) => (
              <Link to={`/orgs/${r.orgId}`} className="link">
                {r.orgName}
              </Link>
            ),
          },
          { key: "score", header: t("radar.score"), cell: (r) => <span className="font-bold">{r.score}</span> },
          ...radarComponentKeys.map((k) => ({
            key: k,
            header: name(k),
            cell: (r: RadarView["rows"][number]) => {
              const c = r.components.find((x) => x.key === k)!;
              return t("radar.valuePoints", { value: c.value, points: c.points });
            },
          })),
          {
            key: "staff",
            header: t("radar.staff"),
            cell: (r) =>
              r.digitalStaff == null ? t("orgs.digitalStaffUnknown") : t("orgs.digitalStaffCount", { count: r.digitalStaff }),
          },
          { key: "proposed", header: t("radar.proposed"), cell: (r) => r.proposedHours },
          {
            key: "planned",
            header: t("radar.planned"),
            cell: (r) =>
              data.canEdit ? (
                <input
                  aria-label={t("radar.hoursFor", { name: r.orgName })}
                  inputMode="numeric"
                  className="w-20 rounded-4 border border-solid-gray-600 px-2 py-1"
                  value={hours[r.orgId] ?? ""}
                  onChange={(e) => setHours((h) => ({ ...h, [r.orgId]: e.target.value }))}
                />
              ) : (
                (r.plannedHours ?? "")
              ),
          },
        ]}
      />
      {data.canEdit && (
        <div>
          <Button onClick={submit} busy={save.isPending}>
            {t("radar.savePlan")}
          </Button>
        </div>
      )}
    </section>
  );
}
