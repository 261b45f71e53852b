import { type FormEvent, useState } from "react";
import { sessionModeLabels, sessionModes } from "../../../shared/api/support.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { FormError, fieldError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { TextAreaField, TextField } from "../../components/form-field.js";
import { RadioGroup } from "../../components/radio-group.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { useLogSession } from "./api.js";

type Step = { key: number; title: string; owner: string; dueDate: string };

/** A visit or online session with its next steps (owner and due date), logged in one go. */
export function SessionForm({ engagementId, orgName }: { engagementId: string; orgName: string }) {
  const { t, label } = useI18n();
  const toast = useToast();
  const log = useLogSession(engagementId);
  const empty = () => ({ date: jstDate(), mode: "on_site" as (typeof sessionModes)[number], participants: "", notes: "" });
  const [v, setV] = useState(empty);
  const [steps, setSteps] = useState<Step[]>([]);
  const [next, setNext] = useState(1);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    log.mutate(
      { ...v, nextSteps: steps.map((s) => ({ title: s.title, owner: s.owner, dueDate: s.dueDate || null })) },
      {
        onSuccess: () => {
          setV(empty());
          setSteps([]);
          toast.show(t("support.log.saved"), "success");
        },
      },
    );
  };
  const setStep = (key: number, patch: Partial<Step>) =>
    setSteps((all) => all.map((s) => (s.key === key ? { ...s, ...patch } : s)));
  return (
    <form
      noValidate
      onSubmit={submit}
      aria-labelledby="log-title"
      className="flex flex-col gap-4 rounded-8 border border-solid-gray-300 bg-solid-gray-50 p-4"
    >
      <h2 id="log-title" className="text-std-20B-150">
        {t("support.log.title")}
      </h2>
      <FormError error={log.error} fields={["date", "mode", "participants", "notes"]} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t("support.log.date")}
          type="date"
          required
          value={v.date}
          onChange={(e) => setV({ ...v, date: e.target.value })}
          error={fieldError(log.error, "date")}
        />
        <RadioGroup
          legend={t("support.log.mode")}
          name="mode"
          inline
          value={v.mode}
          onChange={(mode) => setV({ ...v, mode })}
          options={sessionModes.map((m) => ({ value: m, label: label(sessionModeLabels, m) }))}
        />
      </div>
      <TextField
        label={t("support.log.participants")}
        value={v.participants}
        onChange={(e) => setV({ ...v, participants: e.target.value })}
      />
      <TextAreaField
        label={t("support.log.notes")}
        required
        value={v.notes}
        onChange={(e) => setV({ ...v, notes: e.target.value })}
        error={fieldError(log.error, "notes")}
      />
      <fieldset className="flex flex-col gap-3">
        <legend className="text-std-16B-170">{t("support.log.steps")}</legend>
        {steps.map((s, i) => (
          <div
            key={s.key}
            className="grid gap-2 rounded-8 border border-solid-gray-300 bg-white p-3 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end"
          >
            <TextField
              label={`${t("support.step.title")} ${i + 1}`}
              value={s.title}
              onChange={(e) => setStep(s.key, { title: e.target.value })}
              error={fieldError(log.error, `nextSteps.${i}.title`)}
            />
            <TextField
              label={t("support.step.owner")}
              value={s.owner}
              onChange={(e) => setStep(s.key, { owner: e.target.value })}
              error={fieldError(log.error, `nextSteps.${i}.owner`)}
            />
            <TextField
              label={t("support.step.due")}
              type="date"
              value={s.dueDate}
              onChange={(e) => setStep(s.key, { dueDate: e.target.value })}
            />
            <Button size="sm" variant="text" onClick={() => setSteps((all) => all.filter((x) => x.key !== s.key))}>
              {t("support.log.removeStep")}
            </Button>
          </div>
        ))}
        <div>
          <Button
            size="sm"
            variant="secondary"
            onClick={() => {
              setSteps((all) => [...all, { key: next, title: "", owner: orgName, dueDate: "" }]);
              setNext((n) => n + 1);
            }}
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
    </form>
  );
}
