import { useQueries, useQuery } from "@tanstack/react-query";
import { Controller } from "react-hook-form";
import { engagementInput, engagementStatuses, engagementStatusLabels } from "../../../shared/api/support.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
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

/** The fields as typed: "" for no end date (the request sends null). */
type EngagementFields = Omit<EngagementInput, "endDate"> & { endDate: string };
const toInput = (v: EngagementFields) => ({ ...v, endDate: v.endDate || null });

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
  const form = useZodForm<typeof engagementInput, EngagementFields>(engagementInput, {
    toInput,
    defaultValues: {
      orgId: initial?.org.id ?? "",
      theme: initial?.theme ?? "",
      goals: initial?.goals ?? "",
      startDate: initial?.startDate ?? "",
      endDate: initial?.endDate ?? "",
      status: initial?.status ?? "planned",
      outcome: initial?.outcome ?? "",
      specialistIds: initial?.specialists.map((s) => s.id) ?? [],
      progressItemIds: initial?.progressItems.map((p) => p.id) ?? [],
    },
  });
  const municipalities = (orgs.data?.items ?? []).filter((o) => o.kind === "city" || o.kind === "town" || o.kind === "village");
  return (
    <ZodForm form={form} onValid={onSubmit} error={error} className="flex max-w-3xl flex-col gap-4">
      {!initial && (
        <SelectField
          label={t("support.org")}
          required
          {...form.field("orgId")}
          options={[{ value: "", label: t("form.select") }, ...municipalities.map((o) => ({ value: o.id, label: o.name }))]}
        />
      )}
      <TextField label={t("support.theme")} required {...form.field("theme")} />
      <TextAreaField label={t("support.goals")} {...form.field("goals")} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label={t("support.start")} required type="date" {...form.field("startDate")} />
        <TextField label={t("support.end")} type="date" {...form.field("endDate")} />
        <SelectField
          label={t("support.status")}
          {...form.field("status")}
          options={engagementStatuses.map((s) => ({ value: s, label: label(engagementStatusLabels, s) }))}
        />
      </div>
      <Controller
        control={form.control}
        name="specialistIds"
        render={({ field, fieldState }) => {
          const ids = field.value ?? [];
          return (
            <fieldset className="flex flex-col gap-1">
              <legend className="text-std-16B-170">{t("support.specialists")}</legend>
              {(staff.data?.items ?? []).map((s) => (
                <label key={s.id} className="flex items-center gap-2 text-std-16N-170">
                  <input
                    type="checkbox"
                    className="size-5 accent-blue-900"
                    checked={ids.includes(s.id)}
                    onChange={(e) => field.onChange(e.target.checked ? [...ids, s.id] : ids.filter((x) => x !== s.id))}
                  />
                  {s.name}
                </label>
              ))}
              {fieldState.error?.message && <p className="text-dns-16N-130 text-error-2">{fieldState.error.message}</p>}
            </fieldset>
          );
        }}
      />
      <Controller
        control={form.control}
        name="progressItemIds"
        render={({ field }) => <ProgressPicker value={field.value ?? []} onChange={field.onChange} />}
      />
      {initial && <TextAreaField label={t("support.outcome")} {...form.field("outcome")} />}
      <div>
        <Button type="submit" busy={busy} busyLabel={t("state.saving")}>
          {t("action.save")}
        </Button>
      </div>
    </ZodForm>
  );
}
