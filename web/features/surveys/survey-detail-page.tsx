import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { phaseLabels } from "../../../shared/api/surveys.js";
import type { Definition } from "../../../shared/surveys/definition.js";
import { useMe } from "../../app/session.js";
import { Alert, FormError } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Button, ButtonLink } from "../../components/button.js";
import { DescriptionList } from "../../components/description-list.js";
import { ConfirmDialog } from "../../components/dialog.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { formatDate, formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { AnswerForm } from "./answer-form.js";
import { deleteSurvey, fileUrl, type Survey, surveyAction, useSurvey, useSurveyMutation } from "./api.js";
import { phaseTone } from "./format.js";
import { RelayPanel } from "./relay/relay-panel.js";
import { WorkbookAnswer } from "./relay/workbook-answer.js";
import { SurveyTabs } from "./survey-tabs.js";

/** A survey: its instructions and dates, the secretariat's actions, and — for an asked organisation — its answer form. */
export function SurveyDetailPage() {
  const { id = "" } = useParams();
  const query = useSurvey(id);
  return <QueryState query={query}>{(s) => <Detail survey={s} />}</QueryState>;
}

function Detail({ survey: s }: { survey: Survey }) {
  const { t, label, locale } = useI18n();
  const me = useMe();
  return (
    <>
      <PageHeader
        title={s.title}
        breadcrumbs={[{ label: t("surveys.title"), to: "/surveys" }, { label: s.title }]}
        description={<Badge tone={phaseTone(s.phase)}>{label(phaseLabels, s.phase)}</Badge>}
        actions={<Actions survey={s} />}
      />
      <SurveyTabs survey={s} current="overview" />
      <div className="flex flex-col gap-6">
        <DescriptionList
          items={[
            {
              key: "deadline",
              term: t("surveys.deadline"),
              value: (
                <>
                  {formatDateTime(s.myAnswer?.deadlineAt ?? s.deadlineAt, locale) || t("surveys.noDeadline")}
                  {s.deadlineWarning && (
                    <span className="ml-2 text-error-2">{t("surveys.deadlineWarning", { reason: s.deadlineWarning })}</span>
                  )}
                </>
              ),
            },
            {
              key: "opens",
              term: t("surveys.opensOn"),
              value: s.opensOn ? formatDate(s.opensOn, locale) : t("surveys.opensOnPublish"),
            },
            { key: "targets", term: t("surveys.targets"), value: t("surveys.targetCount", { n: s.targetCount }) },
            {
              key: "edit",
              term: t("surveys.allowEdit"),
              value: s.allowEditAfterSubmit ? t("surveys.allowEditYes") : t("surveys.allowEditNo"),
            },
            {
              key: "results",
              term: t("surveys.resultsVisibility"),
              value: s.resultsVisibility === "shared" ? t("surveys.resultsShared") : t("surveys.resultsStaff"),
            },
          ]}
        />
        <RelayPanel surveyId={s.id} canEdit={s.abilities.canEdit} />
        {s.description && <div className="whitespace-pre-wrap text-std-16N-170">{s.description}</div>}
        {s.attachments.length > 0 && (
          <section aria-labelledby="attachments">
            <h2 id="attachments" className="text-std-20B-150">
              {t("surveys.attachments")}
            </h2>
            <ul className="mt-2 list-disc pl-6">
              {s.attachments.map((f) => (
                <li key={f.id}>
                  <a className="link" href={fileUrl(s.id, f.id)}>
                    {f.name}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        )}
        {s.myAnswer && (
          <section aria-labelledby="my-answer" className="flex flex-col gap-4 rounded-12 border border-solid-gray-300 p-5">
            <h2 id="my-answer" className="text-std-24B-150">
              {t("surveys.myAnswer", { org: me.user.org.name })}
            </h2>
            <WorkbookAnswer surveyId={s.id} orgId={me.user.org.id} canEdit={s.abilities.canAnswer} />
            <AnswerForm surveyId={s.id} orgId={me.user.org.id} def={s.definition as Definition} />
          </section>
        )}
      </div>
    </>
  );
}

function Actions({ survey: s }: { survey: Survey }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const toast = useToast();
  const [confirm, setConfirm] = useState<null | "publish" | "close" | "reopen" | "delete">(null);
  const act = useSurveyMutation((a: "publish" | "close" | "reopen" | "copy") => surveyAction(s.id, a));
  const remove = useSurveyMutation(async () => {
    await deleteSurvey(s.id);
    return s;
  });
  const run = (a: "publish" | "close" | "reopen") =>
    act.mutate(a, {
      onSuccess: () => {
        setConfirm(null);
        toast.show(t(`surveys.${a}Done`));
      },
      onError: () => setConfirm(null),
    });
  const a = s.abilities;
  return (
    <div className="flex flex-col items-end gap-3">
      <div className="flex flex-wrap gap-3">
        {a.canEdit && <ButtonLink to={`/surveys/${s.id}/edit`}>{t("surveys.edit")}</ButtonLink>}
        {a.canPublish && <Button onClick={() => setConfirm("publish")}>{t("surveys.publish")}</Button>}
        {a.canClose && (
          <Button variant="secondary" onClick={() => setConfirm("close")}>
            {t("surveys.close")}
          </Button>
        )}
        {a.canReopen && (
          <Button variant="secondary" onClick={() => setConfirm("reopen")}>
            {t("surveys.reopen")}
          </Button>
        )}
        {a.canCopy && (
          <Button
            variant="secondary"
            busy={act.isPending}
            onClick={() => act.mutate("copy", { onSuccess: (c) => navigate(`/surveys/${c.id}/edit`) })}
          >
            {t("surveys.copy")}
          </Button>
        )}
        {a.canDelete && (
          <Button variant="danger" onClick={() => setConfirm("delete")}>
            {t("action.delete")}
          </Button>
        )}
      </div>
      <FormError error={act.error ?? remove.error} />
      {act.error ? <Alert tone="info">{t("surveys.fixInEditor")}</Alert> : null}
      <ConfirmDialog
        open={confirm !== null}
        title={confirm ? t(`surveys.${confirm}`) : ""}
        message={confirm ? t(`surveys.${confirm}Confirm`) : ""}
        confirmLabel={confirm ? t(`surveys.${confirm}`) : ""}
        danger={confirm === "delete"}
        busy={act.isPending || remove.isPending}
        onClose={() => setConfirm(null)}
        onConfirm={() =>
          confirm === "delete" ? remove.mutate(undefined, { onSuccess: () => navigate("/surveys") }) : confirm && run(confirm)
        }
      />
    </div>
  );
}
