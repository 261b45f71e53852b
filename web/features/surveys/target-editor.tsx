import type { ProgressItem } from "../../../shared/api/progress.js";
import { fiscalYearAt } from "../../../shared/dates/jst.js";
import type { GridColumn, Question } from "../../../shared/surveys/definition.js";
import {
  type ProgressTarget,
  progressTargetLabels,
  stepStatuses,
  stepStatusLabels,
  targetFits,
} from "../../../shared/surveys/progress-map.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { useI18n } from "../../lib/i18n.js";

const currentFy = () => fiscalYearAt();

/** Choices whose label names a status (完了, 作業中, 未着手, 対象外, はい/いいえ) get it as a first suggestion. */
function guessStatuses(choices: { id: string; label: string }[]) {
  const out: Record<string, (typeof stepStatuses)[number]> = {};
  for (const c of choices) {
    if (/未着手|未実施|いいえ/.test(c.label)) out[c.id] = "not_started";
    else if (/完了|済|はい/.test(c.label)) out[c.id] = "done";
    else if (/作業中|着手|実施中|対応中/.test(c.label)) out[c.id] = "in_progress";
    else if (/対象外|該当なし/.test(c.label)) out[c.id] = "not_applicable";
  }
  return out;
}

/** What one question or grid column says about an item: a step's status or date, or a metric's value. */
export function TargetEditor({
  source,
  name,
  target,
  items,
  onChange,
  error,
}: {
  source: Question | GridColumn;
  /** The column or question name, for labels. */
  name: string;
  target: ProgressTarget | null;
  /** The items it maps to (their steps and metrics are offered, by code). */
  items: ProgressItem[];
  onChange: (t: ProgressTarget | null) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const kinds = (Object.keys(targetFits) as ProgressTarget["kind"][]).filter((k) => targetFits[k].includes(source.kind));
  const steps = [...new Map(items.flatMap((i) => i.steps.map((s) => [s.code, s.name] as const))).entries()];
  const metrics = [...new Map(items.flatMap((i) => i.metrics.map((m) => [m.code, m.name] as const))).entries()];
  const choices =
    source.kind === "yes_no"
      ? [
          { id: "true", label: t("surveys.yes") },
          { id: "false", label: t("surveys.no") },
        ]
      : "options" in source
        ? source.options
        : [];
  const make = (kind: ProgressTarget["kind"]): ProgressTarget => {
    if (kind === "metricValue") return { kind, metricCode: metrics[0]?.[0] ?? "", fiscalYear: currentFy() };
    if (kind === "stepStatus") return { kind, stepCode: steps.at(-1)?.[0] ?? "", values: guessStatuses(choices) };
    return { kind, stepCode: steps.at(-1)?.[0] ?? "" };
  };
  if (!kinds.length) return <p className="text-dns-14N-130 text-solid-gray-700">{t("surveys.mapNotPossible", { name })}</p>;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-3">
        <SelectField
          className="w-60"
          label={t("surveys.mapTarget", { name })}
          value={target?.kind ?? ""}
          error={error}
          options={[
            { value: "", label: t("surveys.mapNone") },
            ...kinds.map((k) => ({ value: k, label: progressTargetLabels[k] })),
          ]}
          onChange={(e) => onChange(e.target.value ? make(e.target.value as ProgressTarget["kind"]) : null)}
        />
        {target && "stepCode" in target && (
          <SelectField
            className="w-80"
            label={t("surveys.mapStep", { name })}
            value={target.stepCode}
            options={steps.map(([code, stepName]) => ({ value: code, label: stepName }))}
            onChange={(e) => onChange({ ...target, stepCode: e.target.value })}
          />
        )}
        {target?.kind === "metricValue" && (
          <>
            <SelectField
              className="w-60"
              label={t("surveys.mapMetric", { name })}
              value={target.metricCode}
              options={metrics.map(([code, metricName]) => ({ value: code, label: metricName }))}
              onChange={(e) => onChange({ ...target, metricCode: e.target.value })}
            />
            <TextField
              className="w-40"
              label={t("surveys.mapFiscalYear", { name })}
              inputMode="numeric"
              value={target.fiscalYear}
              onChange={(e) => onChange({ ...target, fiscalYear: Number(e.target.value) || currentFy() })}
            />
          </>
        )}
      </div>
      {target?.kind === "stepStatus" && (
        <div className="flex flex-wrap gap-3">
          {choices.map((c) => (
            <SelectField
              key={c.id}
              className="w-48"
              label={t("surveys.mapValue", { name, value: c.label })}
              value={target.values[c.id] ?? ""}
              options={[
                { value: "", label: t("surveys.mapNoChange") },
                ...stepStatuses.map((s) => ({ value: s, label: stepStatusLabels[s] })),
              ]}
              onChange={(e) => {
                const values = { ...target.values };
                if (e.target.value) values[c.id] = e.target.value as keyof typeof stepStatusLabels;
                else delete values[c.id];
                onChange({ ...target, values });
              }}
            />
          ))}
        </div>
      )}
    </div>
  );
}
