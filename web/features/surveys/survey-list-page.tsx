import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { answerStatusLabels, phaseLabels } from "../../../shared/api/surveys.js";
import { useMe } from "../../app/session.js";
import { Alert, FormError, fieldError } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Button } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { Dialog } from "../../components/dialog.js";
import { TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { createSurvey, useSurveyMutation, useSurveys } from "./api.js";
import { answerTone, phaseTone } from "./format.js";
import { ImportWorkbookDialog } from "./relay/import-dialog.js";
import { RelayYearList } from "./relay/relay-year-list.js";

/** Every survey the person may see: all of them for the secretariat, the ones asking their organisation otherwise. */
export function SurveyListPage() {
  const { t } = useI18n();
  const me = useMe();
  if (!me.abilities.useSurveys)
    return (
      <>
        <PageHeader title={t("surveys.title")} />
        <Alert role="status">{t("surveys.notForRole")}</Alert>
      </>
    );
  return <SurveyList />;
}

function SurveyList() {
  const { t, label, locale } = useI18n();
  const query = useSurveys();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  return (
    <>
      <PageHeader
        title={t("surveys.title")}
        description={t("surveys.lead")}
        actions={
          query.data?.canCreate && (
            <div className="flex flex-wrap gap-3">
              <Button onClick={() => setCreating(true)}>{t("surveys.create")}</Button>
              <Button variant="secondary" onClick={() => setImporting(true)}>
                {t("relay.import")}
              </Button>
            </div>
          )
        }
      />
      <QueryState query={query}>
        {(data) => (
          <DataTable
            caption={t("surveys.title")}
            hideCaption
            rows={data.items}
            rowKey={(s) => s.id}
            empty={t("surveys.empty")}
            columns={[
              {
                key: "title",
                header: t("surveys.name"),
                cell: (s) => (
                  <Link to={`/surveys/${s.id}`} className="link">
                    {s.title}
                  </Link>
                ),
              },
              {
                key: "phase",
                header: t("surveys.phase"),
                cell: (s) => <Badge tone={phaseTone(s.phase)}>{label(phaseLabels, s.phase)}</Badge>,
              },
              {
                key: "deadline",
                header: t("surveys.deadline"),
                cell: (s) => formatDateTime(s.myAnswer?.deadlineAt ?? s.deadlineAt, locale) || "—",
              },
              {
                key: "progress",
                header: data.canCreate ? t("surveys.submittedCount") : t("surveys.myStatus"),
                cell: (s) =>
                  s.myAnswer ? (
                    <Badge tone={answerTone(s.myAnswer.status)}>{label(answerStatusLabels, s.myAnswer.status)}</Badge>
                  ) : s.submittedCount != null && s.status !== "draft" ? (
                    t("surveys.submittedOf", { n: s.submittedCount, total: s.targetCount })
                  ) : (
                    "—"
                  ),
              },
            ]}
          />
        )}
      </QueryState>
      {query.data?.canCreate && <RelayYearList />}
      <CreateDialog open={creating} onClose={() => setCreating(false)} />
      <ImportWorkbookDialog open={importing} onClose={() => setImporting(false)} />
    </>
  );
}

function CreateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [title, setTitle] = useState("");
  const create = useSurveyMutation(createSurvey);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t("surveys.create")}
      actions={
        <Button
          busy={create.isPending}
          onClick={() => create.mutate(title, { onSuccess: (s) => navigate(`/surveys/${s.id}/edit`) })}
        >
          {t("surveys.createAndEdit")}
        </Button>
      }
    >
      <FormError error={create.error} fields={["title"]} />
      <TextField
        label={t("surveys.name")}
        required
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={fieldError(create.error, "title")}
        hint={t("surveys.nameHint")}
      />
    </Dialog>
  );
}
