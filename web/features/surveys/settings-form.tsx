import { useQuery } from "@tanstack/react-query";
import type { Body } from "../../../shared/api/bodies.js";
import type { Org } from "../../../shared/api/orgs.js";
import { parseNumberInput } from "../../../shared/numbers.js";
import { CheckboxField, SelectField, TextField } from "../../components/form-field.js";
import { RadioGroup } from "../../components/radio-group.js";
import { api } from "../../lib/api.js";
import type { ListOf } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { DeadlinePicker } from "./deadline-picker.js";

export interface SettingsDraft {
  targetMode: "all" | "orgs" | "body";
  targetOrgIds: string[];
  targetBodyId: string | null;
  opensOn: string;
  deadlineDate: string;
  deadlineTime: string;
  allowEditAfterSubmit: boolean;
  resultsVisibility: "staff" | "shared";
  remindDaysBefore: number | null;
  remindOnDay: boolean;
}

/** Who is asked, when, and the survey's rules. Targets and opening date are fixed once published. */
export function SettingsForm({
  value: v,
  onChange,
  error,
  published,
}: {
  value: SettingsDraft;
  onChange: (patch: Partial<SettingsDraft>) => void;
  error: (path: string) => string | undefined;
  published: boolean;
}) {
  const { t } = useI18n();
  const orgs = useQuery({ queryKey: ["orgs", "all"], queryFn: () => api.get<ListOf<Org>>("/orgs") });
  const bodies = useQuery({ queryKey: ["bodies"], queryFn: () => api.get<ListOf<Body>>("/bodies") });
  return (
    <div className="flex flex-col gap-6">
      <fieldset className="flex flex-col gap-3" disabled={published}>
        <legend className="text-std-20B-150">{t("surveys.targets")}</legend>
        <RadioGroup
          legend={t("surveys.targetMode")}
          name="targetMode"
          value={v.targetMode}
          onChange={(targetMode) => onChange({ targetMode })}
          options={[
            { value: "all", label: t("surveys.targetAll") },
            { value: "orgs", label: t("surveys.targetOrgs") },
            { value: "body", label: t("surveys.targetBody") },
          ]}
        />
        {error("targetMode") && <p className="text-error-2">! {error("targetMode")}</p>}
        {v.targetMode === "body" && (
          <SelectField
            label={t("surveys.targetBodyLabel")}
            value={v.targetBodyId ?? ""}
            error={error("targetBodyId")}
            options={[
              { value: "", label: t("form.select") },
              ...(bodies.data?.items ?? []).map((b) => ({ value: b.id, label: b.name })),
            ]}
            onChange={(e) => onChange({ targetBodyId: e.target.value || null })}
          />
        )}
        {v.targetMode === "orgs" && (
          <fieldset className="flex flex-col gap-1">
            <legend className="text-std-16B-170">{t("surveys.targetOrgsLabel")}</legend>
            {error("targetOrgIds") && <p className="text-error-2">! {error("targetOrgIds")}</p>}
            <div className="grid gap-1 sm:grid-cols-3">
              {(orgs.data?.items ?? []).map((o) => (
                <CheckboxField
                  key={o.id}
                  label={o.name}
                  checked={v.targetOrgIds.includes(o.id)}
                  onChange={(e) =>
                    onChange({
                      targetOrgIds: e.target.checked ? [...v.targetOrgIds, o.id] : v.targetOrgIds.filter((x) => x !== o.id),
                    })
                  }
                />
              ))}
            </div>
          </fieldset>
        )}
      </fieldset>
      <fieldset className="flex flex-col gap-4">
        <legend className="text-std-20B-150">{t("surveys.schedule")}</legend>
        <TextField
          type="date"
          label={t("surveys.opensOn")}
          hint={t("surveys.opensOnHint")}
          className="w-60"
          value={v.opensOn}
          disabled={published}
          error={error("opensOn")}
          onChange={(e) => onChange({ opensOn: e.target.value })}
        />
        <DeadlinePicker
          date={v.deadlineDate}
          time={v.deadlineTime}
          error={error("deadlineAt")}
          remindDaysBefore={v.remindDaysBefore}
          remindOnDay={v.remindOnDay}
          onChange={(deadlineDate, deadlineTime) => onChange({ deadlineDate, deadlineTime })}
        />
        <div className="flex flex-wrap items-end gap-6">
          <TextField
            label={t("surveys.remindDaysBefore")}
            hint={t("surveys.remindDaysBeforeHint")}
            inputMode="numeric"
            className="w-60"
            value={v.remindDaysBefore ?? ""}
            error={error("remindDaysBefore")}
            onChange={(e) => onChange({ remindDaysBefore: parseNumberInput(e.target.value) })}
          />
          <CheckboxField
            label={t("surveys.remindOnDay")}
            checked={v.remindOnDay}
            onChange={(e) => onChange({ remindOnDay: e.target.checked })}
          />
        </div>
      </fieldset>
      <fieldset className="flex flex-col gap-4">
        <legend className="text-std-20B-150">{t("surveys.rules")}</legend>
        <CheckboxField
          label={t("surveys.allowEditAfterSubmit")}
          checked={v.allowEditAfterSubmit}
          onChange={(e) => onChange({ allowEditAfterSubmit: e.target.checked })}
        />
        <RadioGroup
          legend={t("surveys.resultsVisibility")}
          name="resultsVisibility"
          value={v.resultsVisibility}
          onChange={(resultsVisibility) => onChange({ resultsVisibility })}
          options={[
            { value: "staff", label: t("surveys.resultsStaff") },
            { value: "shared", label: t("surveys.resultsShared") },
          ]}
        />
      </fieldset>
    </div>
  );
}
