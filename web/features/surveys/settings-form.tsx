import { useQuery } from "@tanstack/react-query";
import { Controller } from "react-hook-form";
import type { Body } from "../../../shared/api/bodies.js";
import type { Org } from "../../../shared/api/orgs.js";
import type { SurveyPatch } from "../../../shared/api/surveys.js";
import { parseNumberInput } from "../../../shared/numbers.js";
import type { Definition } from "../../../shared/surveys/definition.js";
import type { ZodFormApi } from "../../components/form.js";
import { CheckboxField, SelectField, TextField } from "../../components/form-field.js";
import { RadioGroup } from "../../components/radio-group.js";
import { api } from "../../lib/api.js";
import type { ListOf } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { DeadlinePicker } from "./deadline-picker.js";
import { fromJstParts } from "./format.js";

/**
 * The builder's fields as typed: the names are the request's (so the server's issues land under them),
 * the values are what the inputs hold ("" for no body or no opening date, the deadline as the picker's
 * date and time, the reminder days as text).
 */
export interface BuilderFields {
  title: string;
  description: string;
  definition: Definition;
  targetMode: "all" | "orgs" | "body";
  targetOrgIds: string[];
  targetBodyId: string;
  opensOn: string;
  deadlineAt: { date: string; time: string };
  allowEditAfterSubmit: boolean;
  resultsVisibility: "staff" | "shared";
  remindDaysBefore: string;
  remindOnDay: boolean;
}

/** The PATCH body the fields stand for; targets, opening date and questions only while the survey is a draft. */
export const builderPatch = (draft: boolean) => (v: BuilderFields) => ({
  title: v.title,
  description: v.description,
  deadlineAt: fromJstParts(v.deadlineAt.date, v.deadlineAt.time),
  allowEditAfterSubmit: v.allowEditAfterSubmit,
  resultsVisibility: v.resultsVisibility,
  // Text as typed: the schema reads it (full-width digits too) and says what is wrong with it.
  remindDaysBefore: v.remindDaysBefore,
  remindOnDay: v.remindOnDay,
  ...(draft
    ? {
        definition: v.definition,
        targetMode: v.targetMode,
        targetOrgIds: v.targetOrgIds,
        targetBodyId: v.targetBodyId || null,
        opensOn: v.opensOn || null,
      }
    : {}),
});

const daysOf = (text: string) => {
  const n = parseNumberInput(text);
  return n === null || Number.isNaN(n) ? null : n;
};

/** Who is asked, when, and the survey's rules. Targets and opening date are fixed once published. */
export function SettingsForm({ form, published }: { form: ZodFormApi<BuilderFields, SurveyPatch>; published: boolean }) {
  const { t } = useI18n();
  const orgs = useQuery({ queryKey: ["orgs", "all"], queryFn: () => api.get<ListOf<Org>>("/orgs") });
  const bodies = useQuery({ queryKey: ["bodies"], queryFn: () => api.get<ListOf<Body>>("/bodies") });
  const targetMode = form.watch("targetMode");
  const remindDaysBefore = daysOf(form.watch("remindDaysBefore"));
  const remindOnDay = form.watch("remindOnDay");
  const error = form.errorOf;
  return (
    <div className="flex flex-col gap-6">
      <fieldset className="flex flex-col gap-3" disabled={published}>
        <legend className="text-std-20B-150">{t("surveys.targets")}</legend>
        <Controller
          control={form.control}
          name="targetMode"
          render={({ field }) => (
            <RadioGroup
              legend={t("surveys.targetMode")}
              name="targetMode"
              value={field.value}
              onChange={field.onChange}
              options={[
                { value: "all", label: t("surveys.targetAll") },
                { value: "orgs", label: t("surveys.targetOrgs") },
                { value: "body", label: t("surveys.targetBody") },
              ]}
            />
          )}
        />
        {error("targetMode") && <p className="text-error-2">! {error("targetMode")}</p>}
        {targetMode === "body" && (
          <SelectField
            label={t("surveys.targetBodyLabel")}
            {...form.field("targetBodyId")}
            options={[
              { value: "", label: t("form.select") },
              ...(bodies.data?.items ?? []).map((b) => ({ value: b.id, label: b.name })),
            ]}
          />
        )}
        {targetMode === "orgs" && (
          <fieldset className="flex flex-col gap-1">
            <legend className="text-std-16B-170">{t("surveys.targetOrgsLabel")}</legend>
            {error("targetOrgIds") && <p className="text-error-2">! {error("targetOrgIds")}</p>}
            <Controller
              control={form.control}
              name="targetOrgIds"
              render={({ field }) => (
                <div className="grid gap-1 sm:grid-cols-3">
                  {(orgs.data?.items ?? []).map((o) => (
                    <CheckboxField
                      key={o.id}
                      label={o.name}
                      checked={field.value.includes(o.id)}
                      onChange={(e) =>
                        field.onChange(e.target.checked ? [...field.value, o.id] : field.value.filter((x) => x !== o.id))
                      }
                    />
                  ))}
                </div>
              )}
            />
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
          disabled={published}
          {...form.field("opensOn")}
        />
        <Controller
          control={form.control}
          name="deadlineAt"
          render={({ field, fieldState }) => (
            <DeadlinePicker
              date={field.value.date}
              time={field.value.time}
              error={fieldState.error?.message}
              remindDaysBefore={remindDaysBefore}
              remindOnDay={remindOnDay}
              onChange={(date, time) => field.onChange({ date, time })}
            />
          )}
        />
        <div className="flex flex-wrap items-end gap-6">
          <TextField
            label={t("surveys.remindDaysBefore")}
            hint={t("surveys.remindDaysBeforeHint")}
            inputMode="numeric"
            className="w-60"
            {...form.field("remindDaysBefore")}
          />
          <CheckboxField label={t("surveys.remindOnDay")} {...form.field("remindOnDay")} />
        </div>
      </fieldset>
      <fieldset className="flex flex-col gap-4">
        <legend className="text-std-20B-150">{t("surveys.rules")}</legend>
        <CheckboxField label={t("surveys.allowEditAfterSubmit")} {...form.field("allowEditAfterSubmit")} />
        <Controller
          control={form.control}
          name="resultsVisibility"
          render={({ field }) => (
            <RadioGroup
              legend={t("surveys.resultsVisibility")}
              name="resultsVisibility"
              value={field.value}
              onChange={field.onChange}
              options={[
                { value: "staff", label: t("surveys.resultsStaff") },
                { value: "shared", label: t("surveys.resultsShared") },
              ]}
            />
          )}
        />
      </fieldset>
    </div>
  );
}
