import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { answerStatusLabels } from "../../../shared/api/surveys.js";
import type { Definition } from "../../../shared/surveys/definition.js";
import { checkAnswers, shownQuestionIds } from "../../../shared/surveys/rules.js";
import { Alert, FormError } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Button } from "../../components/button.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { api, isApiError } from "../../lib/api.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { type Answer, fileUrl, surveyKeys, uploadFiles } from "./api.js";
import { ConflictPanel } from "./conflict-panel.js";
import { answerTone } from "./format.js";
import { QuestionList } from "./question-list.js";
import { useAnswerEditor } from "./use-answer-editor.js";

/** The organisation's answer: loads it, refreshes it every 20 s (a colleague may be editing), edits it. */
export function AnswerForm({ surveyId, orgId, def }: { surveyId: string; orgId: string; def: Definition }) {
  const query = useQuery({
    queryKey: surveyKeys.answer(surveyId, orgId),
    queryFn: () => api.get<Answer>(`/surveys/${surveyId}/answers/${orgId}`),
    refetchInterval: 20_000,
  });
  return (
    <QueryState query={query}>
      {(initial) => (
        <Editor key={`${surveyId}:${orgId}`} surveyId={surveyId} orgId={orgId} def={def} initial={initial} remote={query.data} />
      )}
    </QueryState>
  );
}

function Editor({
  surveyId,
  orgId,
  def,
  initial,
  remote,
}: {
  surveyId: string;
  orgId: string;
  def: Definition;
  initial: Answer;
  remote?: Answer;
}) {
  const { t, label, locale } = useI18n();
  const toast = useToast();
  const ed = useAnswerEditor(surveyId, orgId, def, initial, remote);
  const [triedSubmit, setTriedSubmit] = useState(false);
  const [reopened, setReopened] = useState(false);
  // Only the submit itself makes the button busy: pressed during an automatic save, it waits for that save.
  const [submitting, setSubmitting] = useState(false);
  const [names, setNames] = useState(() => new Map(initial.files.map((f) => [f.id, f.name])));
  const { server } = ed;
  const readOnly = !server.abilities.canEdit || (server.status === "submitted" && !reopened);
  const shown = useMemo(() => shownQuestionIds(def, ed.data), [def, ed.data]);
  // Messages as the person types (ranges, lengths); "required" only once they try to submit.
  const live = useMemo(() => checkAnswers(def, ed.data, { submit: triedSubmit }), [def, ed.data, triedSubmit]);
  const serverIssues = isApiError(ed.error) ? ed.error.issues : [];
  const issues = serverIssues.length ? serverIssues : [...live.shape, ...live.problems];

  const upload = async (files: File[]) => {
    const res = await uploadFiles<{ items: { id: string; name: string }[] }>(
      `/surveys/${surveyId}/answers/${orgId}/files`,
      files,
    );
    setNames((m) => new Map([...m, ...res.items.map((f) => [f.id, f.name] as const)]));
    return res.items;
  };

  const submit = async () => {
    setTriedSubmit(true);
    setSubmitting(true);
    const a = await ed.save({ submit: true }).finally(() => setSubmitting(false));
    if (a) {
      setReopened(false);
      toast.show(t("surveys.submittedToast"));
    }
  };

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center gap-3" aria-live="polite">
        <Badge tone={answerTone(server.status)}>{label(answerStatusLabels, server.status)}</Badge>
        <span className="text-dns-16N-130 text-solid-gray-700">
          {ed.state === "saving"
            ? t("state.saving")
            : ed.dirty
              ? t("surveys.unsaved")
              : server.updatedAt
                ? t("surveys.savedBy", { who: server.updatedBy?.name ?? "", at: formatDateTime(server.updatedAt, locale) })
                : ""}
        </span>
      </div>
      {server.status === "returned" && server.returnComment && (
        <Alert tone="warning" title={t("surveys.returnedTitle")}>
          {server.returnComment}
        </Alert>
      )}
      {server.lockReason && <Alert tone="info">{server.lockReason}</Alert>}
      {server.status === "submitted" && (
        <Alert
          tone="success"
          title={t("surveys.submittedBy", {
            who: server.submittedBy?.name ?? "",
            at: formatDateTime(server.submittedAt, locale),
          })}
        >
          {server.abilities.canEdit && !reopened && (
            <>
              <p>{t("surveys.reopenHint")}</p>
              <Button variant="secondary" size="sm" className="mt-2" onClick={() => setReopened(true)}>
                {t("surveys.reopenAnswer")}
              </Button>
            </>
          )}
        </Alert>
      )}
      {ed.conflict && <ConflictPanel def={def} conflict={ed.conflict} onAccept={(c) => void ed.acceptMerge(c)} />}
      <FormError error={ed.error} fields={issues.map((i) => i.path)} />
      <QuestionList
        def={def}
        data={ed.data}
        shown={shown}
        issues={issues}
        onChange={ed.edit}
        ctx={{ disabled: readOnly || !!ed.conflict, upload, fileNames: names, fileHref: (id) => fileUrl(surveyId, id) }}
      />
      {!readOnly && (
        <div className="flex flex-wrap items-center gap-3 border-t border-solid-gray-300 pt-4">
          <Button onClick={submit} busy={submitting} disabled={!!ed.conflict}>
            {t("surveys.submit")}
          </Button>
          <Button variant="secondary" onClick={() => void ed.save()} disabled={!ed.dirty || !!ed.conflict}>
            {t("surveys.saveDraft")}
          </Button>
          <p className="text-dns-14N-130 text-solid-gray-700">{t("surveys.autosaveHint")}</p>
        </div>
      )}
    </div>
  );
}
