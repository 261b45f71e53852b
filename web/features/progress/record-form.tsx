import { useMemo, useRef, useState } from "react";
import { type RecordUpdate, recordUpdate, stepStatuses, stepStatusLabels } from "../../../shared/api/progress.js";
import { jstToday } from "../../../shared/dates/jst.js";
import { numberOrText } from "../../../shared/numbers.js";
import { Alert, useErrorMessage } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { CheckboxField, SelectField, TextAreaField, TextField } from "../../components/form-field.js";
import { ApiError, isApiError } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";
import { type ProgressRecord, uploadEvidence, useRecordUpdate } from "./api.js";

type StepDraft = { stepId: string; status: string; plannedDate: string; actualDate: string; option: string };
type MetricDraft = { metricId: string; fiscalYear: number; value: string; target: string };
type Values = {
  steps: StepDraft[];
  metrics: MetricDraft[];
  exception: { flagged: boolean; reason: string; revisedTarget: string };
  note: string;
};
type Body = RecordUpdate;
const cell = "rounded-8 border border-solid-gray-900 bg-white px-2 py-1 text-std-16N-170";

/** The fiscal year (April to March) of today in Japan. */
function currentFiscalYear() {
  const d = jstToday();
  return Number(d.slice(5, 7)) >= 4 ? Number(d.slice(0, 4)) : Number(d.slice(0, 4)) - 1;
}

/**
 * The edit form: steps (or a year's metrics), the exception flag, a note and an evidence file.
 * The browser checks the whole record with the request's schema (recordUpdate), so a field's mistake shows
 * under it before sending; only what changed is sent, and the server's answer is mapped back onto the rows.
 */
export function RecordForm({ record, onSaved }: { record: ProgressRecord; onSaved: () => void }) {
  const { t, label } = useI18n();
  const message = useErrorMessage();
  const save = useRecordUpdate(record.org.id, record.item.id);
  const steps = record.item.steps.filter((s) => !s.archived);
  const metrics = record.item.metrics.filter((m) => !m.archived);
  const hasOptions = steps.some((s) => s.options?.length);
  const exceptionLabel = record.programme.exceptionLabel;
  const currentFy = currentFiscalYear();
  const [fy, setFy] = useState(record.metricFy ?? currentFy);

  const metricDrafts = (year: number): MetricDraft[] =>
    metrics.map((m) => {
      const saved = record.metrics.find((v) => v.metricId === m.id && v.fiscalYear === year);
      return { metricId: m.id, fiscalYear: year, value: saved?.value?.toString() ?? "", target: saved?.target?.toString() ?? "" };
    });
  const initial: Values = {
    steps: steps.map((s) => {
      const saved = record.steps.find((r) => r.stepId === s.id);
      return {
        stepId: s.id,
        status: saved?.status ?? "not_started",
        plannedDate: saved?.plannedDate ?? "",
        actualDate: saved?.actualDate ?? "",
        option: saved?.option ?? "",
      };
    }),
    metrics: metricDrafts(fy),
    exception: {
      flagged: record.exception.flagged,
      reason: record.exception.reason ?? "",
      revisedTarget: record.exception.revisedTarget ?? "",
    },
    note: "",
  };
  // The whole record as a request body: what the schema checks, field paths equal to the form's.
  const toInput = (v: Values): Body => ({
    steps: v.steps.map((s) => ({
      stepId: s.stepId,
      status: s.status as (typeof stepStatuses)[number],
      plannedDate: s.plannedDate || null,
      actualDate: s.actualDate || null,
      option: s.option || null,
    })),
    metrics: v.metrics.map((m) => ({
      metricId: m.metricId,
      fiscalYear: m.fiscalYear,
      value: numberOrText(m.value),
      target: numberOrText(m.target),
    })),
    exception: exceptionLabel
      ? { flagged: v.exception.flagged, reason: v.exception.reason || null, revisedTarget: v.exception.revisedTarget || null }
      : undefined,
    note: v.note,
    expectedVersion: record.version,
  });
  const form = useZodForm<typeof recordUpdate, Values>(recordUpdate, { defaultValues: initial, toInput });
  const [notice, setNotice] = useState<string | null>(null);
  // Which row of the form each sent step or metric is, to put the server's messages under the right row.
  const [sent, setSent] = useState<{ steps: number[]; metrics: number[] }>({ steps: [], metrics: [] });
  const [file, setFile] = useState<File | null>(null);
  // A refused evidence file stops the save: the record is never stored without the file the clerk attached.
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const submit = async (full: Body) => {
    setNotice(null);
    setUploadError(null);
    const before = recordUpdate.parse(toInput({ ...initial, metrics: metricDrafts(fy) }));
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const stepRows = (full.steps ?? []).flatMap((s, i) => (same(s, before.steps?.[i]) ? [] : [i]));
    const metricRows = (full.metrics ?? []).flatMap((m, i) => (same(m, before.metrics?.[i]) ? [] : [i]));
    const exceptionChanged = !same(full.exception, before.exception);
    const note = full.note?.trim() ?? "";
    if (!stepRows.length && !metricRows.length && !exceptionChanged && !note && !file) {
      setNotice(t("progress.nothingChanged"));
      return;
    }
    setSent({ steps: stepRows, metrics: metricRows });
    let evidence: { id: string } | null = null;
    if (file) {
      setUploading(true);
      try {
        evidence = await uploadEvidence(file);
      } catch (e) {
        setUploadError(e);
        fileInput.current?.focus();
        return;
      } finally {
        setUploading(false);
      }
    }
    // Only what changed goes: a step's unchanged fields are left out too, as another clerk may have set them.
    const changedFields = <T extends object>(a: T, b: T | undefined, keep: (keyof T)[]) =>
      Object.fromEntries(
        Object.entries(a).filter(([k, v]) => keep.includes(k as keyof T) || !same(v, b?.[k as keyof T])),
      ) as Partial<T>;
    save.mutate(
      {
        steps: stepRows.length
          ? (stepRows.map((i) => changedFields(full.steps![i]!, before.steps?.[i], ["stepId"])) as Body["steps"])
          : undefined,
        metrics: metricRows.length
          ? (metricRows.map((i) =>
              changedFields(full.metrics![i]!, before.metrics?.[i], ["metricId", "fiscalYear"]),
            ) as Body["metrics"])
          : undefined,
        exception: exceptionChanged ? full.exception : undefined,
        note: note || undefined,
        evidenceFileId: evidence?.id,
        expectedVersion: record.version,
      },
      {
        onSuccess: () => {
          form.reset({ ...form.getValues(), note: "" });
          setFile(null);
          onSaved();
        },
      },
    );
  };
  // The server numbers the rows it was sent; the form numbers all of them.
  const error = useMemo(() => (isApiError(save.error) ? toFormRows(save.error, sent) : save.error), [save.error, sent]);
  const flagged = form.watch("exception.flagged");

  return (
    <ZodForm form={form} onValid={submit} error={error} className="flex flex-col gap-4">
      <p className="text-dns-14N-130 text-solid-gray-700">{t("progress.editLead")}</p>
      {uploadError ? <Alert tone="error" role="alert" title={t("progress.evidenceNotSaved")} /> : null}
      {notice && <Alert role="status">{notice}</Alert>}
      {steps.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
        <section aria-label={t("progress.steps")} tabIndex={0} className="relative overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <thead className="bg-solid-gray-50">
              <tr>
                <th scope="col" className="px-2 py-2">
                  {t("progress.step")}
                </th>
                <th scope="col" className="px-2 py-2">
                  {t("progress.status")}
                </th>
                <th scope="col" className="px-2 py-2">
                  {t("progress.plannedDate")}
                </th>
                <th scope="col" className="px-2 py-2">
                  {t("progress.actualDate")}
                </th>
                {hasOptions && (
                  <th scope="col" className="px-2 py-2">
                    {t("progress.option")}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {steps.map((s, i) => {
                const name = (f: keyof StepDraft) => `steps.${i}.${f}` as const;
                const errorId = (f: keyof StepDraft) => `step-${s.id}-${f}-error`;
                const problems = (["status", "plannedDate", "actualDate", "option"] as const).flatMap((f) => {
                  const e = form.errorOf(name(f));
                  return e ? [{ f, e }] : [];
                });
                const invalid = (f: keyof StepDraft) =>
                  form.errorOf(name(f)) ? { "aria-invalid": true as const, "aria-describedby": errorId(f) } : {};
                return (
                  <tr key={s.id} className="border-t border-solid-gray-200 align-top">
                    <th scope="row" className="px-2 py-2 text-left font-normal">
                      {s.name}
                      {problems.map(({ f, e }) => (
                        <p key={f} id={errorId(f)} className="text-dns-14N-130 text-error-2">
                          <span aria-hidden="true">! </span>
                          {e}
                        </p>
                      ))}
                    </th>
                    <td className="px-2 py-2">
                      <select
                        aria-label={`${s.name} ${t("progress.status")}`}
                        className={cell}
                        {...invalid("status")}
                        {...form.register(name("status"), {
                          onChange: (e: { target: { value: string } }) => {
                            if (e.target.value === "done" && !form.getValues(name("actualDate")))
                              form.setValue(name("actualDate"), jstToday());
                          },
                        })}
                      >
                        {stepStatuses.map((st) => (
                          <option key={st} value={st}>
                            {label(stepStatusLabels, st)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="px-2 py-2">
                      <input
                        type="date"
                        aria-label={`${s.name} ${t("progress.plannedDate")}`}
                        className={cell}
                        {...invalid("plannedDate")}
                        {...form.register(name("plannedDate"))}
                      />
                    </td>
                    <td className="px-2 py-2">
                      <input
                        type="date"
                        aria-label={`${s.name} ${t("progress.actualDate")}`}
                        className={cell}
                        max={jstToday()}
                        {...invalid("actualDate")}
                        {...form.register(name("actualDate"))}
                      />
                    </td>
                    {hasOptions && (
                      <td className="px-2 py-2">
                        {s.options?.length ? (
                          <select
                            aria-label={`${s.name} ${t("progress.option")}`}
                            className={cell}
                            {...invalid("option")}
                            {...form.register(name("option"))}
                          >
                            <option value="">{t("progress.optionNone")}</option>
                            {s.options.map((o) => (
                              <option key={o} value={o}>
                                {o}
                              </option>
                            ))}
                          </select>
                        ) : null}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
      {metrics.length > 0 && (
        <fieldset className="flex flex-col gap-3">
          <legend className="text-std-16B-170">{t("progress.metric")}</legend>
          <SelectField
            label={t("progress.fiscalYear")}
            value={String(fy)}
            onChange={(e) => {
              const year = Number(e.target.value);
              setFy(year);
              form.setValue("metrics", metricDrafts(year));
            }}
            options={[currentFy - 3, currentFy - 2, currentFy - 1, currentFy].map((y) => ({
              value: String(y),
              label: t("progress.fyLabel", { fy: y }),
            }))}
            className="max-w-xs"
          />
          {metrics.map((m, i) => (
            <div key={m.id} className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              <TextField
                label={`${m.name}（${m.unit}） ${t("progress.value")}`}
                inputMode="decimal"
                {...form.field(`metrics.${i}.value`)}
              />
              <TextField
                label={`${m.name} ${t("progress.target")}`}
                hint={m.targetDefault != null ? t("progress.targetDefault", { n: m.targetDefault }) : undefined}
                inputMode="decimal"
                {...form.field(`metrics.${i}.target`)}
              />
            </div>
          ))}
        </fieldset>
      )}
      {exceptionLabel && (
        <fieldset className="flex flex-col gap-3 rounded-8 border border-solid-gray-300 p-4">
          <legend className="px-1 text-std-16B-170">{exceptionLabel}</legend>
          <CheckboxField label={t("progress.exceptionFlag", { label: exceptionLabel })} {...form.field("exception.flagged")} />
          {flagged && (
            <>
              <TextAreaField label={t("progress.exceptionReason")} required rows={3} {...form.field("exception.reason")} />
              <TextField
                type="date"
                label={t("progress.revisedTarget")}
                required
                className="max-w-xs"
                {...form.field("exception.revisedTarget")}
              />
            </>
          )}
        </fieldset>
      )}
      <TextAreaField label={t("progress.note")} rows={3} {...form.field("note")} />
      <div className="flex flex-col gap-1">
        <label htmlFor="progress-evidence" className="text-std-16B-170">
          {t("progress.evidenceFile")}
        </label>
        <p id="progress-evidence-hint" className="text-dns-14N-130 text-solid-gray-700">
          {t("progress.evidenceHint")}
        </p>
        <input
          ref={fileInput}
          id="progress-evidence"
          type="file"
          aria-describedby={uploadError ? "progress-evidence-hint progress-evidence-error" : "progress-evidence-hint"}
          aria-invalid={uploadError ? true : undefined}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setUploadError(null);
          }}
        />
        {uploadError ? (
          <p id="progress-evidence-error" className="text-dns-16N-130 text-error-2">
            <span aria-hidden="true">! </span>
            {t("progress.evidenceFailed", { reason: message(uploadError) })}
          </p>
        ) : null}
      </div>
      <div>
        <Button type="submit" busy={uploading || save.isPending} busyLabel={t("state.saving")}>
          {t("progress.save")}
        </Button>
      </div>
    </ZodForm>
  );
}

/** The server's issue paths ("steps.0.actualDate", of the rows sent) as the form's rows ("steps.3.actualDate"). */
function toFormRows(error: ApiError, sent: { steps: number[]; metrics: number[] }): ApiError {
  const issues = error.issues.map((issue) => {
    const m = /^(steps|metrics)\.(\d+)(\..*)?$/.exec(issue.path);
    const row = m ? sent[m[1] as "steps" | "metrics"][Number(m[2])] : undefined;
    return row === undefined ? issue : { ...issue, path: `${m![1]}.${row}${m![3] ?? ""}` };
  });
  return new ApiError(error.status, error.code, error.message, issues, error.details);
}
