import { type FormEvent, useState } from "react";
import { useSearchParams } from "react-router";
import { orgKindLabels } from "../../../shared/api/orgs.js";
import { Button } from "../../components/button.js";
import { CheckboxField, SelectField, TextField } from "../../components/form-field.js";
import { useI18n } from "../../lib/i18n.js";

export interface DashboardParams {
  programmeId?: string;
  kind?: string;
  small?: string;
  smallFirst?: string;
  asOf?: string;
}

/** The dashboard's filters live in the address, so a view can be bookmarked and shared. */
export function useDashboardParams(): [DashboardParams, (p: DashboardParams) => void] {
  const [params, setParams] = useSearchParams();
  const value: DashboardParams = {
    programmeId: params.get("programmeId") ?? undefined,
    kind: params.get("kind") ?? undefined,
    small: params.get("small") ?? undefined,
    smallFirst: params.get("smallFirst") ?? undefined,
    asOf: params.get("asOf") ?? undefined,
  };
  const set = (p: DashboardParams) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(p)) if (v) next.set(k, v);
    setParams(next);
  };
  return [value, set];
}

export function DashboardFilters({
  value,
  onChange,
  programmes,
  today,
}: {
  value: DashboardParams;
  onChange: (p: DashboardParams) => void;
  programmes: { id: string; name: string }[];
  today: string;
}) {
  const { t, label } = useI18n();
  const [draft, setDraft] = useState(value);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChange(draft);
  };
  return (
    <search aria-label={t("progress.filters")} className="mb-6 block rounded-12 bg-solid-gray-50 p-4">
      <form onSubmit={submit} className="grid grid-cols-1 items-end gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <SelectField
          label={t("progress.programme")}
          value={draft.programmeId ?? programmes[0]?.id ?? ""}
          onChange={(e) => setDraft({ ...draft, programmeId: e.target.value })}
          options={programmes.map((p) => ({ value: p.id, label: p.name }))}
        />
        <SelectField
          label={t("progress.kind")}
          value={draft.kind ?? ""}
          onChange={(e) => setDraft({ ...draft, kind: e.target.value || undefined })}
          options={[
            { value: "", label: t("progress.kindAll") },
            ...(["city", "town", "village"] as const).map((k) => ({ value: k, label: label(orgKindLabels, k) })),
          ]}
        />
        <TextField
          type="date"
          label={t("progress.asOf")}
          hint={t("progress.asOfHint")}
          max={today}
          value={draft.asOf ?? ""}
          onChange={(e) => setDraft({ ...draft, asOf: e.target.value || undefined })}
        />
        <div className="flex flex-col gap-2">
          <CheckboxField
            label={t("progress.smallOnly")}
            checked={draft.small === "true"}
            onChange={(e) => setDraft({ ...draft, small: e.target.checked ? "true" : undefined })}
          />
          <CheckboxField
            label={t("progress.smallFirst")}
            checked={draft.smallFirst === "true"}
            onChange={(e) => setDraft({ ...draft, smallFirst: e.target.checked ? "true" : undefined })}
          />
          <Button type="submit">{t("progress.apply")}</Button>
        </div>
      </form>
    </search>
  );
}
