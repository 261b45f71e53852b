import { useQueries, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { engagementStatuses, engagementStatusLabels } from "../../../shared/api/support.js";
import { FormError, fieldError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { SelectField, TextAreaField, TextField } from "../../components/form-field.js";
import { api } from "../../lib/api.js";
import type { ListOf, Org } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { useStaff } from "../consultations/api.js";
import type { EngagementDetail, EngagementInput } from "./api.js";

type Programme = { id: string; name: string; items: { id: string; name: string }[] };

/** Progress items to link, grouped by programme (the progress module's definitions). */
function ProgressPicker({ value, onChange }: { value: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useI18n();
  const list = useQuery({
    queryKey: ["progress", "programmes"],
    queryFn: () => api.get<ListOf<{ id: string }>>("/progress/programmes"),
  });
  const details = useQueries({
    queries: (list.data?.items ?? []).map((p) => ({
      queryKey: ["progress", "programme", p.id],
      queryFn: () => api.get<Programme>(`/progress/programmes/${p.id}`),
    })),
  });
  const toggle = (id: string, on: boolean) => onChange(on ? [...value, id] : value.filter((v) => v !== id));
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-std-16B-170">{t("support.progress")}</legend>
      <div className="max-h-64 overflow-y-auto rounded-8 border border-solid-gray-420 p-3">
        {details.map((d) =>
          d.data ? (
            <fieldset key={d.data.id} className="mb-2">
              <legend className="text-dns-14B-130">{d.data.name}</legend>
              {d.data.items.map((i) => (
                <label key={i.id} className="flex items-center gap-2 text-std-16N-170">
                  <input
                    type="checkbox"
                    className="size-5 accent-blue-900"
                    checked={value.includes(i.id)}
                    onChange={(e) => toggle(i.id, e.target.checked)}
                  />
                  {i.name}
                </label>
              ))}
            </fieldset>
          ) : null,
        )}
      </div>
    </fieldset>
  );
}

export function EngagementForm({
  initial,
  busy,
  error,
  onSubmit,
}: {
  initial?: EngagementDetail;
  busy: boolean;
  error: unknown;
  onSubmit: (v: EngagementInput) => void;
}) {
  const { t, label } = useI18n();
  const orgs = useQuery({ queryKey: ["orgs", "list"], queryFn: () => api.get<ListOf<Org>>("/orgs") });
  const staff = useStaff(true);
  const [v, setV] = useState({
    orgId: initial?.org.id ?? "",
    theme: initial?.theme ?? "",
    goals: initial?.goals ?? "",
    startDate: initial?.startDate ?? "",
    endDate: initial?.endDate ?? "",
    status: initial?.status ?? "planned",
    outcome: initial?.outcome ?? "",
    specialistIds: initial?.specialists.map((s) => s.id) ?? [],
    progressItemIds: initial?.progressItems.map((p) => p.id) ?? [],
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ ...v, endDate: v.endDate || null, status: v.status as EngagementInput["status"] });
  };
  const municipalities = (orgs.data?.items ?? []).filter((o) => o.kind === "city" || o.kind === "town" || o.kind === "village");
  return (
    <form noValidate onSubmit={submit} className="flex max-w-3xl flex-col gap-4">
      <FormError error={error} fields={["orgId", "theme", "goals", "startDate", "endDate", "specialistIds", "progressItemIds"]} />
      {!initial && (
        <SelectField
          label={t("support.org")}
          required
          value={v.orgId}
          onChange={(e) => setV({ ...v, orgId: e.target.value })}
          options={[{ value: "", label: t("form.select") }, ...municipalities.map((o) => ({ value: o.id, label: o.name }))]}
          error={fieldError(error, "orgId")}
        />
      )}
      <TextField
        label={t("support.theme")}
        required
        value={v.theme}
        onChange={(e) => setV({ ...v, theme: e.target.value })}
        error={fieldError(error, "theme")}
      />
      <TextAreaField
        label={t("support.goals")}
        value={v.goals}
        onChange={(e) => setV({ ...v, goals: e.target.value })}
        error={fieldError(error, "goals")}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          label={t("support.start")}
          required
          type="date"
          value={v.startDate}
          onChange={(e) => setV({ ...v, startDate: e.target.value })}
          error={fieldError(error, "startDate")}
        />
        <TextField
          label={t("support.end")}
          type="date"
          value={v.endDate}
          onChange={(e) => setV({ ...v, endDate: e.target.value })}
          error={fieldError(error, "endDate")}
        />
        <SelectField
          label={t("support.status")}
          value={v.status}
          onChange={(e) => setV({ ...v, status: e.target.value as typeof v.status })}
          options={engagementStatuses.map((s) => ({ value: s, label: label(engagementStatusLabels, s) }))}
        />
      </div>
      <fieldset className="flex flex-col gap-1">
        <legend className="text-std-16B-170">{t("support.specialists")}</legend>
        {(staff.data?.items ?? []).map((s) => (
          <label key={s.id} className="flex items-center gap-2 text-std-16N-170">
            <input
              type="checkbox"
              className="size-5 accent-blue-900"
              checked={v.specialistIds.includes(s.id)}
              onChange={(e) =>
                setV({
                  ...v,
                  specialistIds: e.target.checked ? [...v.specialistIds, s.id] : v.specialistIds.filter((x) => x !== s.id),
                })
              }
            />
            {s.name}
          </label>
        ))}
        {fieldError(error, "specialistIds") && (
          <p className="text-dns-16N-130 text-error-2">{fieldError(error, "specialistIds")}</p>
        )}
      </fieldset>
      <ProgressPicker value={v.progressItemIds} onChange={(progressItemIds) => setV({ ...v, progressItemIds })} />
      {initial && (
        <TextAreaField label={t("support.outcome")} value={v.outcome} onChange={(e) => setV({ ...v, outcome: e.target.value })} />
      )}
      <div>
        <Button type="submit" busy={busy} busyLabel={t("state.saving")}>
          {t("action.save")}
        </Button>
      </div>
    </form>
  );
}
