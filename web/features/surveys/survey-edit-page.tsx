import { useState } from "react";
import { useParams } from "react-router";
import type { SurveyPatch } from "../../../shared/api/surveys.js";
import type { Definition } from "../../../shared/surveys/definition.js";
import { shownQuestionIds } from "../../../shared/surveys/rules.js";
import { Alert, FormError, fieldError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { TextAreaField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { patchSurvey, type Survey, useSurvey, useSurveyMutation } from "./api.js";
import { AttachmentsEditor } from "./attachments-editor.js";
import { fromJstParts, jstParts } from "./format.js";
import { QuestionList } from "./question-list.js";
import { QuestionsEditor } from "./questions-editor.js";
import { type SettingsDraft, SettingsForm } from "./settings-form.js";
import { SurveyTabs } from "./survey-tabs.js";

/** The builder: instructions, distribution settings and the questions, with a preview as a respondent. */
export function SurveyEditPage() {
  const { id = "" } = useParams();
  const query = useSurvey(id);
  return <QueryState query={query}>{(s) => <Builder key={s.id} survey={s} />}</QueryState>;
}

const settingsOf = (s: Survey): SettingsDraft => ({
  targetMode: s.targetMode,
  targetOrgIds: s.targetOrgIds,
  targetBodyId: s.targetBodyId,
  opensOn: s.opensOn ?? "",
  deadlineDate: jstParts(s.deadlineAt).date,
  deadlineTime: jstParts(s.deadlineAt).time,
  allowEditAfterSubmit: s.allowEditAfterSubmit,
  resultsVisibility: s.resultsVisibility,
  remindDaysBefore: s.remindDaysBefore,
  remindOnDay: s.remindOnDay,
});

function Builder({ survey }: { survey: Survey }) {
  const { t } = useI18n();
  const toast = useToast();
  const [title, setTitle] = useState(survey.title);
  const [description, setDescription] = useState(survey.description);
  const [def, setDef] = useState(survey.definition as Definition);
  const [settings, setSettings] = useState(settingsOf(survey));
  const [preview, setPreview] = useState(false);
  const save = useSurveyMutation((p: SurveyPatch) => patchSurvey(survey.id, p));
  const draft = survey.abilities.canEditQuestions;
  const error = (path: string) => fieldError(save.error, path);

  const submit = () => {
    const s = settings;
    const patch: SurveyPatch = {
      title,
      description,
      deadlineAt: fromJstParts(s.deadlineDate, s.deadlineTime),
      allowEditAfterSubmit: s.allowEditAfterSubmit,
      resultsVisibility: s.resultsVisibility,
      remindDaysBefore: s.remindDaysBefore,
      remindOnDay: s.remindOnDay,
      ...(draft
        ? {
            definition: def,
            targetMode: s.targetMode,
            targetOrgIds: s.targetOrgIds,
            targetBodyId: s.targetBodyId,
            opensOn: s.opensOn || null,
          }
        : {}),
    };
    save.mutate(patch, { onSuccess: () => toast.show(t("state.saved")) });
  };

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
        <Preview def={def} />
      ) : (
        <form
          className="flex flex-col gap-8"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
          noValidate
        >
          <FormError
            error={save.error}
            fields={(save.error as { issues?: { path: string }[] } | null)?.issues?.map((i) => i.path) ?? []}
          />
          <section aria-labelledby="basics" className="flex flex-col gap-4">
            <h2 id="basics" className="text-std-20B-150">
              {t("surveys.basics")}
            </h2>
            <TextField
              label={t("surveys.name")}
              required
              value={title}
              error={error("title")}
              onChange={(e) => setTitle(e.target.value)}
            />
            <TextAreaField
              label={t("surveys.instructions")}
              hint={t("surveys.instructionsHint")}
              value={description}
              error={error("description")}
              onChange={(e) => setDescription(e.target.value)}
            />
            <AttachmentsEditor survey={survey} />
          </section>
          <SettingsForm
            value={settings}
            onChange={(p) => setSettings((s) => ({ ...s, ...p }))}
            error={error}
            published={!draft}
          />
          <section aria-labelledby="questions" className="flex flex-col gap-4">
            <h2 id="questions" className="text-std-20B-150">
              {t("surveys.questions")}
            </h2>
            {draft ? (
              <QuestionsEditor def={def} onChange={setDef} error={(p) => error(`definition.${p}`)} />
            ) : (
              <Alert tone="info">{t("surveys.questionsLocked")}</Alert>
            )}
            {error("definition") && <p className="text-error-2">! {error("definition")}</p>}
          </section>
          <div className="sticky bottom-0 flex gap-3 border-t border-solid-gray-300 bg-white py-3">
            <Button type="submit" busy={save.isPending} busyLabel={t("state.saving")}>
              {t("action.save")}
            </Button>
          </div>
        </form>
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
