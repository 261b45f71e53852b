import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router";
import { answerStatusLabels } from "../../../shared/api/surveys.js";
import type { Definition } from "../../../shared/surveys/definition.js";
import { shownQuestionIds } from "../../../shared/surveys/rules.js";
import { Alert, FormError, fieldError } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Button } from "../../components/button.js";
import { Dialog } from "../../components/dialog.js";
import { TextAreaField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { type Answer, fileUrl, returnAnswer, type Survey, surveyKeys, useAnswer, useSurvey } from "./api.js";
import { ExtensionForm } from "./extension-form.js";
import { answerTone } from "./format.js";
import { QuestionList } from "./question-list.js";

/** One organisation's answer, read-only; the secretariat returns it for correction or extends its deadline here. */
export function AnswerViewPage() {
  const { id = "", orgId = "" } = useParams();
  const survey = useSurvey(id);
  const answer = useAnswer(id, orgId);
  return (
    <QueryState query={survey}>
      {(s) => <QueryState query={answer}>{(a) => <View survey={s} answer={a} />}</QueryState>}
    </QueryState>
  );
}

function View({ survey, answer: a }: { survey: Survey; answer: Answer }) {
  const { t, label, locale } = useI18n();
  const def = survey.definition as Definition;
  const [returning, setReturning] = useState(false);
  return (
    <>
      <PageHeader
        title={t("surveys.answerOf", { org: a.org.name })}
        breadcrumbs={[
          { label: t("surveys.title"), to: "/surveys" },
          { label: survey.title, to: `/surveys/${survey.id}` },
          { label: a.org.name },
        ]}
        description={
          <span className="flex flex-wrap items-center gap-3">
            <Badge tone={answerTone(a.status)}>{label(answerStatusLabels, a.status)}</Badge>
            {a.submittedAt &&
              t("surveys.submittedBy", { who: a.submittedBy?.name ?? "", at: formatDateTime(a.submittedAt, locale) })}
          </span>
        }
        actions={
          survey.abilities.canTrack &&
          a.status === "submitted" &&
          survey.status === "published" && (
            <Button variant="secondary" onClick={() => setReturning(true)}>
              {t("surveys.returnAnswer")}
            </Button>
          )
        }
      />
      <div className="flex flex-col gap-6">
        {a.status === "returned" && a.returnComment && (
          <Alert tone="warning" title={t("surveys.returnedTitle")}>
            {a.returnComment}
          </Alert>
        )}
        {survey.abilities.canTrack && survey.status === "published" && <ExtensionForm survey={survey} answer={a} />}
        {a.status === "not_started" ? (
          <p>{t("surveys.noAnswerYet")}</p>
        ) : (
          <QuestionList
            def={def}
            data={a.data}
            shown={shownQuestionIds(def, a.data)}
            issues={[]}
            onChange={() => {}}
            ctx={{
              disabled: true,
              fileNames: new Map(a.files.map((f) => [f.id, f.name])),
              fileHref: (fid) => fileUrl(survey.id, fid),
            }}
          />
        )}
      </div>
      <ReturnDialog open={returning} onClose={() => setReturning(false)} survey={survey} answer={a} />
    </>
  );
}

function ReturnDialog({ open, onClose, survey, answer }: { open: boolean; onClose: () => void; survey: Survey; answer: Answer }) {
  const { t } = useI18n();
  const toast = useToast();
  const qc = useQueryClient();
  const [comment, setComment] = useState("");
  const send = useMutation({
    mutationFn: () => returnAnswer(survey.id, answer.org.id, comment),
    onSuccess: (a) => {
      qc.setQueryData(surveyKeys.answer(survey.id, answer.org.id), a);
      qc.invalidateQueries({ queryKey: surveyKeys.board(survey.id) });
      toast.show(t("surveys.returnedToast"));
      onClose();
    },
  });
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t("surveys.returnAnswer")}
      actions={
        <Button busy={send.isPending} onClick={() => send.mutate()}>
          {t("surveys.returnSend")}
        </Button>
      }
    >
      <FormError error={send.error} fields={["comment"]} />
      <TextAreaField
        label={t("surveys.returnComment")}
        required
        value={comment}
        error={fieldError(send.error, "comment")}
        onChange={(e) => setComment(e.target.value)}
      />
    </Dialog>
  );
}
