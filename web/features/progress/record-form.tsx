import { type FormEvent, useRef, useState } from "react";
import { stepStatuses, stepStatusLabels } from "../../../shared/api/progress.js";
import { jstToday } from "../../../shared/dates/jst.js";
import { numberOrText } from "../../../shared/numbers.js";
import { Alert, useErrorMessage } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { CheckboxField, SelectField, TextAreaField, TextField } from "../../components/form-field.js";
import { isApiError } from "../../lib/api.js";

import { useI18n } from "../../lib/i18n.js";
import { type ProgressRecord, uploadEvidence, useRecordUpdate } from "./api.js";

type StepDraft = { status: string; plannedDate: string; actualDate: string; option: string };
const cell = "rounded-8 border border-solid-gray-900 bg-white px-2 py-1 text-std-16N-170";

/** The edit form: steps (or a year's metrics), the exception flag, a note and an evidence file. Only changes are sent. */
export function RecordForm({ record, onSaved }: { record: ProgressRecord; onSaved: () => void }) {
  const { t, label } = useI18n();
  const message = useErrorMessage();
  const save = useRecordUpdate(record.org.id, record.item.id);
  const steps = record.item.steps.filter((s) => !s.archived);
  const metrics = record.item.metrics.filter((m) => !m.archived);
  const initial = Object.fromEntries(
    record.steps.map((s) => [
      s.stepId,
      { status: s.status, plannedDate: s.plannedDate ?? "", actualDate: s.actualDate ?? "", option: s.option ?? "" },
    ]),
  ) as Record<string, StepDraft>;
  const [draft, setDraft] = useState(initial);
  const currentFy = (() => {
    const d = jstToday();
    return Number(d.slice(5, 7)) >= 4 ? Number(d.slice(0, 4)) : Number(d.slice(0, 4)) - 1;
  })();
  const [fy, setFy] = useState(record.metricFy ?? currentFy);
  const savedValue = (metricId: string, year: number) =>
    record.metrics.find((m) => m.metricId === metricId && m.fiscalYear === year);
  const [values, setValues] = useState<Record<string, { value: string; target: string }>>({});
  const [exception, setException] = useState({
    flagged: record.exception.flagged,
    reason: record.exception.reason ?? "",
    revisedTarget: record.exception.revisedTarget ?? "",
  });
  const [note, setNote] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [stepOrder, setStepOrder] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  // A refused evidence file stops the save: the record is never stored without the file the clerk attached.
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const err = isApiError(save.error) ? save.error : null;
  const stepError = (stepId: string, field: string) => {
    const i = stepOrder.indexOf(stepId);
    return i >= 0 ? err?.fieldError(`steps.${i}.${field}`) : undefined;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    setUploadError(null);
    const changed = steps.flatMap((s) => {
      const a = draft[s.id]!;
      const b = initial[s.id]!;
      const c: Record<string, string | null> = {};
      if (a.status !== b.status) c.status = a.status;
      if (a.plannedDate !== b.plannedDate) c.plannedDate = a.plannedDate || null;
      if (a.actualDate !== b.actualDate) c.actualDate = a.actualDate || null;
      if (a.option !== b.option) c.option = a.option || null;
      return Object.keys(c).length ? [{ stepId: s.id, ...c }] : [];
    });
    const metricChanges = metrics.flatMap((m) => {
      const v = values[`${m.id}:${fy}`];
      if (!v) return [];
      return [{ metricId: m.id, fiscalYear: fy, value: numberOrText(v.value), target: numberOrText(v.target) }];
    });
    const exc = record.exception;
    const excChanged =
      exception.flagged !== exc.flagged ||
      exception.reason !== (exc.reason ?? "") ||
      exception.revisedTarget !== (exc.revisedTarget ?? "");
    if (!changed.length && !metricChanges.length && !excChanged && !note.trim() && !file) {
      setNotice(t("progress.nothingChanged"));
      return;
    }
    setStepOrder(changed.map((c) => c.stepId));
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
    save.mutate(
      {
        steps: changed.length ? (changed as never) : undefined,
        metrics: metricChanges.length ? metricChanges : undefined,
        exception: excChanged
          ? { flagged: exception.flagged, reason: exception.reason || null, revisedTarget: exception.revisedTarget || null }
          : undefined,
        note: note.trim() || undefined,
        evidenceFileId: evidence?.id,
        expectedVersion: record.version,
      },
      {
        onSuccess: () => {
          setNote("");
          setFile(null);
          onSaved();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <p className="text-dns-14N-130 text-solid-gray-700">{t("progress.editLead")}</p>
      {err && <Alert tone="error" role="alert" title={message(err)} />}
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
                {steps.some((s) => s.options?.length) && (
                  <th scope="col" className="px-2 py-2">
                    {t("progress.option")}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {steps.map((s) => {
                const d = draft[s.id]!;
                const set = (patch: Partial<StepDraft>) => setDraft({ ...draft, [s.id]: { ...d, ...patch } });
                const errors = ["status", "plannedDate", "actualDate", "option"].map((f) => stepError(s.id, f)).filter(Boolean);
                return (
                  <tr key={s.id} className="border-t border-solid-gray-200 align-top">
                    <th scope="row" className="px-2 py-2 text-left font-normal">
                      {s.name}
                      {errors.map((e) => (
                        <p key={e} className="text-dns-14N-130 text-error-2" role="alert">
                          ! {e}
                        </p>
                      ))}
                    </th>
                    <td className="px-2 py-2">
                      <select
                        aria-label={`${s.name} ${t("progress.status")}`}
                        className={cell}
                        value={d.status}
                        onChange={(e) =>
                          set({
                            status: e.target.value,
                            ...(e.target.value === "done" && !d.actualDate ? { actualDate: jstToday() } : {}),
                          })
                        }
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
                        value={d.plannedDate}
                        onChange={(e) => set({ plannedDate: e.target.value })}
                      />
                    </td>
                    <td className="px-2 py-2">
                      <input
                        type="date"
                        aria-label={`${s.name} ${t("progress.actualDate")}`}
                        aria-invalid={stepError(s.id, "actualDate") ? true : undefined}
                        className={cell}
                        max={jstToday()}
                        value={d.actualDate}
                        onChange={(e) => set({ actualDate: e.target.value })}
                      />
                    </td>
                    {steps.some((x) => x.options?.length) && (
                      <td className="px-2 py-2">
                        {s.options?.length ? (
                          <select
                            aria-label={`${s.name} ${t("progress.option")}`}
                            className={cell}
                            value={d.option}
                            onChange={(e) => set({ option: e.target.value })}
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
            onChange={(e) => setFy(Number(e.target.value))}
            options={[currentFy - 3, currentFy - 2, currentFy - 1, currentFy].map((y) => ({
              value: String(y),
              label: t("progress.fyLabel", { fy: y }),
            }))}
            className="max-w-xs"
          />
          {metrics.map((m, i) => {
            const key = `${m.id}:${fy}`;
            const saved = savedValue(m.id, fy);
            const v = values[key] ?? { value: saved?.value?.toString() ?? "", target: saved?.target?.toString() ?? "" };
            const set = (patch: Partial<typeof v>) => setValues({ ...values, [key]: { ...v, ...patch } });
            return (
              <div key={m.id} className="grid grid-cols-1 gap-3 sm:grid-cols-2">
                <TextField
                  label={`${m.name}（${m.unit}） ${t("progress.value")}`}
                  inputMode="decimal"
                  value={v.value}
                  onChange={(e) => set({ value: e.target.value })}
                  error={err?.fieldError(`metrics.${i}.value`)}
                />
                <TextField
                  label={`${m.name} ${t("progress.target")}`}
                  hint={m.targetDefault != null ? t("progress.targetDefault", { n: m.targetDefault }) : undefined}
                  inputMode="decimal"
                  value={v.target}
                  onChange={(e) => set({ target: e.target.value })}
                  error={err?.fieldError(`metrics.${i}.target`)}
                />
              </div>
            );
          })}
        </fieldset>
      )}
      {record.programme.exceptionLabel && (
        <fieldset className="flex flex-col gap-3 rounded-8 border border-solid-gray-300 p-4">
          <legend className="px-1 text-std-16B-170">{record.programme.exceptionLabel}</legend>
          <CheckboxField
            label={t("progress.exceptionFlag", { label: record.programme.exceptionLabel })}
            checked={exception.flagged}
            onChange={(e) => setException({ ...exception, flagged: e.target.checked })}
          />
          {exception.flagged && (
            <>
              <TextAreaField
                label={t("progress.exceptionReason")}
                required
                value={exception.reason}
                onChange={(e) => setException({ ...exception, reason: e.target.value })}
                error={err?.fieldError("exception.reason")}
                rows={3}
              />
              <TextField
                type="date"
                label={t("progress.revisedTarget")}
                required
                value={exception.revisedTarget}
                onChange={(e) => setException({ ...exception, revisedTarget: e.target.value })}
                error={err?.fieldError("exception.revisedTarget")}
                className="max-w-xs"
              />
            </>
          )}
        </fieldset>
      )}
      <TextAreaField label={t("progress.note")} value={note} onChange={(e) => setNote(e.target.value)} rows={3} />
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
    </form>
  );
}
