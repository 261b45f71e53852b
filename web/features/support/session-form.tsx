import { Controller, useFieldArray } from "react-hook-form";
import { sessionInput, sessionModeLabels, sessionModes } from "../../../shared/api/support.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { TextAreaField, TextField } from "../../components/form-field.js";
import { RadioGroup } from "../../components/radio-group.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { type SessionInput, useLogSession } from "./api.js";

/** The fields as typed: "" for a next step without a due date (the request sends null). */
type SessionFields = Omit<SessionInput, "nextSteps"> & { nextSteps: { title: string; owner: string; dueDate: string }[] };
const toInput = (v: SessionFields) => ({ ...v, nextSteps: v.nextSteps.map((s) => ({ ...s, dueDate: s.dueDate || null })) });
const empty = (): SessionFields => ({ date: jstDate(), mode: "on_site", participants: "", notes: "", nextSteps: [] });

/** A visit or online session with its next steps (owner and due date), logged in one go. */
export function SessionForm({ engagementId, orgName }: { engagementId: string; orgName: string }) {
  const { t, label } = useI18n();
  const toast = useToast();
  const log = useLogSession(engagementId);
  const form = useZodForm<typeof sessionInput, SessionFields>(sessionInput, { toInput, defaultValues: empty() });
  const steps = useFieldArray({ control: form.control, name: "nextSteps" });
  return (
    <ZodForm
      form={form}
      onValid={(v) =>
        log.mutate(v, {
          onSuccess: () => {
            form.reset(empty());
            toast.show(t("support.log.saved"), "success");
          },
        })
      }
      error={log.error}
      aria-labelledby="log-title"
      className="flex flex-col gap-4 rounded-8 border border-solid-gray-300 bg-solid-gray-50 p-4"
    >
      <h2 id="log-title" className="text-std-20B-150">
        {t("support.log.title")}
      </h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t("support.log.date")} type="date" required {...form.field("date")} />
        <Controller
          control={form.control}
          name="mode"
          render={({ field }) => (
            <RadioGroup
              legend={t("support.log.mode")}
              name="mode"
              inline
              value={field.value ?? null}
              onChange={field.onChange}
              options={sessionModes.map((m) => ({ value: m, label: label(sessionModeLabels, m) }))}
            />
          )}
        />
      </div>
      <TextField label={t("support.log.participants")} {...form.field("participants")} />
      <TextAreaField label={t("support.log.notes")} required {...form.field("notes")} />
      <fieldset className="flex flex-col gap-3">
        <legend className="text-std-16B-170">{t("support.log.steps")}</legend>
        {steps.fields.map((s, i) => (
          <div
            key={s.id}
            className="grid gap-2 rounded-8 border border-solid-gray-300 bg-white p-3 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end"
          >
            <TextField label={`${t("support.step.title")} ${i + 1}`} {...form.field(`nextSteps.${i}.title`)} />
            <TextField label={t("support.step.owner")} {...form.field(`nextSteps.${i}.owner`)} />
            <TextField label={t("support.step.due")} type="date" {...form.field(`nextSteps.${i}.dueDate`)} />
            <Button size="sm" variant="text" onClick={() => steps.remove(i)}>
              {t("support.log.removeStep")}
            </Button>
          </div>
        ))}
        <div>
          <Button
            size="sm"
            variant="secondary"
            onClick={() => steps.append({ title: "", owner: orgName, dueDate: "" }, { shouldFocus: true })}
          >
            {t("support.log.addStep")}
          </Button>
        </div>
      </fieldset>
      <div>
        <Button type="submit" busy={log.isPending} busyLabel={t("state.saving")}>
          {t("support.log.save")}
        </Button>
      </div>
    </ZodForm>
  );
}
