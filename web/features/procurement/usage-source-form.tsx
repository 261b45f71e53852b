import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { type ScenarioDetail, usageFromProgressInput, usageFromSurveyInput } from "../../../shared/api/procurement.js";
import type { Survey } from "../../../shared/api/surveys.js";
import { normalizeNumberText } from "../../../shared/numbers.js";
import { allQuestions, type Definition } from "../../../shared/surveys/definition.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { api } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";
import { useProgramme, useProgrammes } from "../progress/api.js";
import { useSurveys } from "../surveys/api.js";
import { useProcurementMutation } from "./api.js";

type Source = "progress" | "survey";

/** 利用量 taken from a progress metric of one fiscal year, or from a survey's number question. */
export function UsageSourceForm({ s }: { s: ScenarioDetail }) {
  const { t } = useI18n();
  const [source, setSource] = useState<Source>("progress");
  return (
    <section aria-labelledby="usage-source-heading" className="flex flex-col gap-3">
      <h2 id="usage-source-heading" className="text-std-20B-150">
        {t("procurement.usageFrom")}
      </h2>
      <SelectField
        label={t("procurement.usageSource")}
        value={source}
        onChange={(e) => setSource(e.target.value as Source)}
        options={[
          { value: "progress", label: t("procurement.fromProgress") },
          { value: "survey", label: t("procurement.fromSurvey") },
        ]}
      />
      {source === "progress" ? <FromProgress s={s} /> : <FromSurvey s={s} />}
    </section>
  );
}

function FromProgress({ s }: { s: ScenarioDetail }) {
  const { t } = useI18n();
  const form = useZodForm<typeof usageFromProgressInput, { metricId: string; fiscalYear: string }>(usageFromProgressInput, {
    toInput: (v) => ({ metricId: v.metricId.trim(), fiscalYear: Number(normalizeNumberText(v.fiscalYear)) }),
    defaultValues: { metricId: "", fiscalYear: String(s.fiscalYear) },
  });
  const take = useProcurementMutation((body: unknown) =>
    api.post<ScenarioDetail>(`/procurement/scenarios/${s.id}/usage/from-progress`, body),
  );
  const programmes = useProgrammes();
  const [programmeId, setProgrammeId] = useState("");
  const programme = useProgramme(programmeId || undefined);
  const metrics = programmeId
    ? (programme.data?.items ?? []).flatMap((i) =>
        i.metrics.filter((m) => !m.archived).map((m) => ({ value: m.id, label: `${i.name}：${m.name}` })),
      )
    : [];
  return (
    <ZodForm form={form} onValid={(v) => take.mutate(v)} error={take.error} className="flex flex-wrap items-end gap-3">
      <SelectField
        label={t("procurement.programme")}
        value={programmeId}
        onChange={(e) => setProgrammeId(e.target.value)}
        options={[
          { value: "", label: t("form.select") },
          ...(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
        ]}
      />
      <SelectField
        label={t("procurement.metric")}
        {...form.field("metricId")}
        options={[{ value: "", label: t("form.select") }, ...metrics]}
      />
      <TextField label={t("procurement.metricYear")} inputMode="numeric" {...form.field("fiscalYear")} />
      <Button type="submit" variant="secondary" busy={take.isPending}>
        {t("procurement.takeUsage")}
      </Button>
    </ZodForm>
  );
}

function FromSurvey({ s }: { s: ScenarioDetail }) {
  const { t } = useI18n();
  const form = useZodForm<typeof usageFromSurveyInput, { surveyId: string; questionId: string }>(usageFromSurveyInput, {
    toInput: (v) => ({ surveyId: v.surveyId.trim(), questionId: v.questionId.trim() }),
    defaultValues: { surveyId: "", questionId: "" },
  });
  const take = useProcurementMutation((body: unknown) =>
    api.post<ScenarioDetail>(`/procurement/scenarios/${s.id}/usage/from-survey`, body),
  );
  const surveys = useSurveys();
  const surveyId = form.watch("surveyId");
  const survey = useQuery({
    queryKey: ["procurement", "survey", surveyId],
    queryFn: () => api.get<Survey>(`/surveys/${surveyId}`),
    enabled: !!surveyId,
  });
  const questions =
    surveyId && survey.data
      ? allQuestions(survey.data.definition as Definition)
          .filter((q) => q.kind === "number")
          .map((q) => ({ value: q.id, label: q.title }))
      : [];
  return (
    <ZodForm form={form} onValid={(v) => take.mutate(v)} error={take.error} className="flex flex-wrap items-end gap-3">
      <SelectField
        label={t("procurement.survey")}
        {...form.field("surveyId")}
        options={[
          { value: "", label: t("form.select") },
          ...(surveys.data?.items ?? []).map((x) => ({ value: x.id, label: x.title })),
        ]}
      />
      <SelectField
        label={t("procurement.question")}
        {...form.field("questionId")}
        options={[{ value: "", label: t("form.select") }, ...questions]}
      />
      <Button type="submit" variant="secondary" busy={take.isPending}>
        {t("procurement.takeUsage")}
      </Button>
    </ZodForm>
  );
}
