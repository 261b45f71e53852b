import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import {
  type KpiView,
  type ProgressTarget,
  type TargetInput,
  targetInput,
  targetMeasureLabels,
  targetMeasures,
} from "../../../shared/api/progress-kpis.js";
import { fiscalYearAt } from "../../../shared/dates/jst.js";
import { fiscalYearLabel } from "../../../shared/dates/wareki.js";
import { Button } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { QueryState } from "../../components/query-state.js";
import { api } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";
import { pctText } from "./format.js";

const kpiKey = (programmeId: string, fy: string | undefined, orgId?: string) =>
  ["progress", "kpis", programmeId, fy ?? "", orgId ?? ""] as const;

/** The fiscal year shown lives in the address (?fy=2025), so a view can be shared; none: the latest reported. */
function useFiscalYearParam(): [string | undefined, (fy: string) => void] {
  const [params, setParams] = useSearchParams();
  return [
    params.get("fy") ?? undefined,
    (fy) => {
      const next = new URLSearchParams(params);
      next.set("fy", fy);
      setParams(next, { replace: true });
    },
  ];
}

/**
 * KPIs (metrics) of a programme for one fiscal year with the year selector — over every municipality
 * or one (orgId) — and, prefecture-wide, the programme's targets with where each stands.
 */
export function KpiSection({
  programmeId,
  orgId,
  headingId,
  level = 2,
}: {
  programmeId: string;
  orgId?: string;
  headingId: string;
  /** The headings' level: 3 inside a programme's own section (a municipality's page). */
  level?: 2 | 3;
}) {
  const [fy] = useFiscalYearParam();
  const query = useQuery({
    queryKey: kpiKey(programmeId, fy, orgId),
    queryFn: () => api.get<KpiView>("/progress/kpis", { programmeId, fiscalYear: fy, orgId }),
  });
  return (
    <QueryState query={query}>
      {(v) => (
        <>
          {v.metrics.length > 0 && <KpiTable v={v} headingId={headingId} level={level} />}
          {!orgId && (v.targets.length > 0 || v.canManage) && <Targets v={v} headingId={`${headingId}-targets`} />}
        </>
      )}
    </QueryState>
  );
}

const fyText = (fy: number, locale: string) => (locale === "ja" ? fiscalYearLabel(fy, { western: true }) : `FY${fy}`);
const amount = (n: number | null, unit: string, none: string) => (n == null ? none : `${n.toLocaleString("ja-JP")} ${unit}`);

function KpiTable({ v, headingId, level }: { v: KpiView; headingId: string; level: 2 | 3 }) {
  const { t, locale } = useI18n();
  const Heading = level === 3 ? "h3" : "h2";
  const [, setFy] = useFiscalYearParam();
  const none = t("progress.kpiNoData");
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <Heading id={headingId} className={level === 3 ? "text-std-18B-160" : "text-std-20B-150"}>
        {t("progress.kpiTitle")}
      </Heading>
      <SelectField
        label={t("progress.kpiFiscalYear")}
        hint={t("progress.kpiFiscalYearHint")}
        className="max-w-sm"
        value={String(v.fiscalYear)}
        onChange={(e) => setFy(e.target.value)}
        options={v.fiscalYears.map((y) => ({ value: String(y), label: fyText(y, locale) }))}
      />
      <DataTable
        caption={t("progress.kpiTable", { fy: fyText(v.fiscalYear, locale) })}
        columns={[
          { key: "item", header: t("progress.item"), cell: (m) => m.itemName },
          { key: "name", header: t("progress.kpiMetric"), cell: (m) => m.name },
          { key: "reported", header: t("progress.kpiReported"), cell: (m) => m.reported, numeric: true },
          { key: "total", header: t("progress.kpiTotal"), cell: (m) => amount(m.total, m.unit, none), numeric: true },
          { key: "target", header: t("progress.kpiTargetSum"), cell: (m) => amount(m.target, m.unit, "—"), numeric: true },
          { key: "pct", header: t("progress.kpiAchieved"), cell: (m) => (m.pct == null ? none : pctText(m.pct)), numeric: true },
        ]}
        rows={v.metrics}
        rowKey={(m) => m.id}
        empty={t("state.none")}
      />
      <p className="text-dns-14N-130 text-solid-gray-700">{t("progress.kpiNote")}</p>
    </section>
  );
}

function Targets({ v, headingId }: { v: KpiView; headingId: string }) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  // The target being edited, if any: the form below then edits it instead of adding one.
  const [editing, setEditing] = useState<ProgressTarget | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Saved or cancelled: the keyboard goes back to the top of the targets, not to the page's start.
  const stopEditing = () => {
    setEditing(null);
    heading.current?.focus();
  };
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/progress/targets/${id}`),
    onSuccess: (_, id) => {
      if (editing?.id === id) setEditing(null);
      qc.invalidateQueries({ queryKey: ["progress", "kpis"] });
    },
  });
  const standing = (x: ProgressTarget) =>
    `${amount(x.current, x.unit, t("progress.kpiNoData"))} / ${amount(x.targetValue, x.unit, "—")}`;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <h2 id={headingId} ref={heading} tabIndex={-1} className="text-std-20B-150">
        {t("progress.targetsTitle")}
      </h2>
      <DataTable
        caption={t("progress.targetsTable")}
        hideCaption
        columns={[
          { key: "fy", header: t("progress.kpiFiscalYear"), cell: (x) => fyText(x.fiscalYear, locale) },
          { key: "title", header: t("progress.targetTitle"), cell: (x) => x.title },
          { key: "now", header: t("progress.targetStanding"), cell: standing, numeric: true },
          { key: "pct", header: t("progress.kpiAchieved"), cell: (x) => pctText(x.pct), numeric: true },
          ...(v.canManage
            ? [
                {
                  key: "actions",
                  header: t("progress.targetActions"),
                  cell: (x: ProgressTarget) => (
                    <div className="flex flex-wrap gap-2">
                      <Button
                        variant="secondary"
                        size="sm"
                        aria-label={t("progress.targetEditOf", { title: x.title })}
                        onClick={() => setEditing(x)}
                      >
                        {t("progress.targetEdit")}
                      </Button>
                      <Button
                        variant="secondary"
                        size="sm"
                        busy={remove.isPending && remove.variables === x.id}
                        aria-label={t("progress.targetDeleteOf", { title: x.title })}
                        onClick={() => remove.mutate(x.id)}
                      >
                        {t("progress.targetDelete")}
                      </Button>
                    </div>
                  ),
                },
              ]
            : []),
        ]}
        rows={v.targets}
        rowKey={(x) => x.id}
        empty={t("progress.targetsNone")}
      />
      {v.canManage && <TargetForm key={editing?.id ?? "new"} v={v} target={editing} onDone={stopEditing} />}
    </section>
  );
}

type TargetFields = { fiscalYear: string; title: string; measure: string; metricId: string; targetValue: string };

/** Adds a target, or edits the one given (PATCH with every field); the same schema checks both in the browser. */
function TargetForm({ v, target, onDone }: { v: KpiView; target: ProgressTarget | null; onDone: () => void }) {
  const { t, label } = useI18n();
  const qc = useQueryClient();
  const form = useZodForm(targetInput, {
    defaultValues: (target
      ? {
          fiscalYear: String(target.fiscalYear),
          title: target.title,
          measure: target.measure,
          metricId: target.metricId ?? v.metrics[0]?.id ?? "",
          targetValue: String(target.targetValue),
        }
      : {
          fiscalYear: String(fiscalYearAt() + 1),
          title: "",
          measure: v.metrics.length ? "metric_sum" : "online_national",
          metricId: v.metrics[0]?.id ?? "",
          targetValue: "",
        }) satisfies TargetFields,
    toInput: (f: TargetFields) => ({ ...f, metricId: f.measure === "metric_sum" ? f.metricId || null : null }),
  });
  const save = useMutation({
    mutationFn: (body: TargetInput) =>
      target
        ? api.patch(`/progress/targets/${target.id}`, body)
        : api.post(`/progress/programmes/${v.programmeId}/targets`, body),
    onSuccess: () => {
      form.reset();
      qc.invalidateQueries({ queryKey: ["progress", "kpis"] });
      onDone();
    },
  });
  const { setFocus } = form;
  // Chosen from the table: the keyboard moves on to the form it opened.
  useEffect(() => {
    if (target) setFocus("fiscalYear");
  }, [target, setFocus]);
  const measure = form.watch("measure");
  return (
    <ZodForm form={form} onValid={(body) => save.mutate(body)} error={save.error} className="flex flex-col gap-4">
      <h3 className="text-std-18B-160">
        {target ? t("progress.targetEditTitle", { title: target.title }) : t("progress.targetAdd")}
      </h3>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <TextField
          label={t("progress.kpiFiscalYear")}
          hint={t("progress.targetYearHint")}
          inputMode="numeric"
          required
          {...form.field("fiscalYear")}
        />
        <TextField label={t("progress.targetValue")} inputMode="decimal" required {...form.field("targetValue")} />
      </div>
      <TextField label={t("progress.targetTitle")} hint={t("progress.targetTitleHint")} required {...form.field("title")} />
      <SelectField
        label={t("progress.targetMeasure")}
        options={targetMeasures.map((m) => ({ value: m, label: label(targetMeasureLabels, m) }))}
        {...form.field("measure")}
      />
      {measure === "metric_sum" && (
        <SelectField
          label={t("progress.kpiMetric")}
          options={v.metrics.map((m) => ({ value: m.id, label: `${m.itemName}：${m.name}（${m.unit}）` }))}
          {...form.field("metricId")}
        />
      )}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" busy={save.isPending}>
          {target ? t("progress.targetUpdate") : t("progress.targetSave")}
        </Button>
        {target && (
          <Button variant="secondary" onClick={onDone}>
            {t("action.cancel")}
          </Button>
        )}
      </div>
    </ZodForm>
  );
}
