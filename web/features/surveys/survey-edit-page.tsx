import { useState } from "react";
import { Controller } from "react-hook-form";
import { useParams } from "react-router";
import { type SurveyPatch, surveyPatch } from "../../../shared/api/surveys.js";
import type { Definition } from "../../../shared/surveys/definition.js";
import { shownQuestionIds } from "../../../shared/surveys/rules.js";
import { Alert } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { TextAreaField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { patchSurvey, type Survey, useSurvey, useSurveyMutation } from "./api.js";
import { AttachmentsEditor } from "./attachments-editor.js";
import { jstParts } from "./format.js";
import { QuestionList } from "./question-list.js";
import { QuestionsEditor } from "./questions-editor.js";
import { type BuilderFields, builderPatch, SettingsForm } from "./settings-form.js";
import { SurveyTabs } from "./survey-tabs.js";

/** The builder: instructions, distribution settings and the questions, with a preview as a respondent. */
export function SurveyEditPage() {
  const { id = "" } = useParams();
  const query = useSurvey(id);
  return <QueryState query={query}>{(s) => <Builder key={s.id} survey={s} />}</QueryState>;
}

const fieldsOf = (s: Survey): BuilderFields => ({
  title: s.title,
  description: s.description,
  definition: s.definition as Definition,
  targetMode: s.targetMode,
  targetOrgIds: s.targetOrgIds,
  targetBodyId: s.targetBodyId ?? "",
  opensOn: s.opensOn ?? "",
  deadlineAt: jstParts(s.deadlineAt),
  allowEditAfterSubmit: s.allowEditAfterSubmit,
  resultsVisibility: s.resultsVisibility,
  remindDaysBefore: s.remindDaysBefore === null ? "" : String(s.remindDaysBefore),
  remindOnDay: s.remindOnDay,
});

function Builder({ survey }: { survey: Survey }) {
  const { t } = useI18n();
  const toast = useToast();
  const [preview, setPreview] = useState(false);
  const draft = survey.abilities.canEditQuestions;
  // Checked in the browser by the server's own schema of the PATCH body, questions included.
  const form = useZodForm<typeof surveyPatch, BuilderFields>(surveyPatch, {
    defaultValues: fieldsOf(survey),
    toInput: builderPatch(draft),
  });
  const save = useSurveyMutation((p: SurveyPatch) => patchSurvey(survey.id, p));
  const definitionError = form.errorOf("definition");

  return (
    <>
      <PageHeader
        title={t("surveys.editTitle")}
        breadcrumbs={[
          { label: t("surveys.title"), to: "/surveys" },
          { label: survey.title, to: `/surveys/${survey.id}` },
          { label: t("surveys.tabEdit") },
        ]}
        actions={
          <Button variant="secondary" aria-pressed={preview} onClick={() => setPreview((p) => !p)}>
            {preview ? t("surveys.backToEditor") : t("surveys.preview")}
          </Button>
        }
      />
      <SurveyTabs survey={survey} current="edit" />
      {preview ? (
        <Preview def={form.getValues("definition")} />
      ) : (
        <ZodForm
          form={form}
          error={save.error}
          onValid={(p) => save.mutate(p, { onSuccess: () => toast.show(t("state.saved")) })}
          className="flex flex-col gap-8"
        >
          <section aria-labelledby="basics" className="flex flex-col gap-4">
            <h2 id="basics" className="text-std-20B-150">
              {t("surveys.basics")}
            </h2>
            <TextField label={t("surveys.name")} required {...form.field("title")} />
            <TextAreaField
              label={t("surveys.instructions")}
              hint={t("surveys.instructionsHint")}
              {...form.field("description")}
            />
            <AttachmentsEditor survey={survey} />
          </section>
          <SettingsForm form={form} published={!draft} />
          <section aria-labelledby="questions" className="flex flex-col gap-4">
            <h2 id="questions" className="text-std-20B-150">
              {t("surveys.questions")}
            </h2>
            {draft ? (
              <Controller
                control={form.control}
                name="definition"
                render={({ field }) => (
                  <QuestionsEditor def={field.value} onChange={field.onChange} error={(p) => form.errorOf(`definition.${p}`)} />
                )}
              />
            ) : (
              <Alert tone="info">{t("surveys.questionsLocked")}</Alert>
            )}
            {definitionError && <p className="text-error-2">! {definitionError}</p>}
          </section>
          <div className="sticky bottom-0 flex gap-3 border-t border-solid-gray-300 bg-white py-3">
            <Button type="submit" busy={save.isPending} busyLabel={t("state.saving")}>
              {t("action.save")}
            </Button>
          </div>
        </ZodForm>
      )}
    </>
  );
}

/** The form exactly as a municipality will see it; answers typed here are not saved. */
function Preview({ def }: { def: Definition }) {
  const { t } = useI18n();
  const [data, setData] = useState<Record<string, unknown>>({});
  return (
    <div className="flex flex-col gap-4">
      <Alert tone="info" title={t("surveys.previewTitle")}>
        {t("surveys.previewHint")}
      </Alert>
      <QuestionList
        def={def}
        data={data}
        shown={shownQuestionIds(def, data)}
        issues={[]}
        onChange={(q, v) => setData((d) => ({ ...d, [q]: v }))}
        ctx={{ fileNames: new Map() }}
      />
    </div>
  );
}
