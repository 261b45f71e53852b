import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { answerStatuses, answerStatusLabels } from "../../../shared/api/surveys.js";
import { FormError } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Button } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { ConfirmDialog } from "../../components/dialog.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { RadioGroup } from "../../components/radio-group.js";
import { useToast } from "../../components/toast.js";
import { formatCompactDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { remindLate, type Survey, surveyKeys, useBoard, useSurvey } from "./api.js";
import { answerTone } from "./format.js";
import { setChecks } from "./relay/api.js";
import { WriteBack } from "./relay/write-back.js";
import { SurveyTabs } from "./survey-tabs.js";

/** The status board: every asked organisation, where its answer stands, and the reminders. */
export function SurveyStatusPage() {
  const { id = "" } = useParams();
  const query = useSurvey(id);
  return <QueryState query={query}>{(s) => <Board survey={s} />}</QueryState>;
}

function Board({ survey }: { survey: Survey }) {
  const { t, label } = useI18n();
  const toast = useToast();
  const qc = useQueryClient();
  const board = useBoard(survey.id);
  const [filter, setFilter] = useState<"all" | "late" | "unchecked">("all");
  const [confirm, setConfirm] = useState(false);
  const remind = useMutation({
    mutationFn: () => remindLate(survey.id),
    onSuccess: (r) => {
      setConfirm(false);
      toast.show(t("surveys.remindedToast", { n: r.reminded }));
      qc.invalidateQueries({ queryKey: surveyKeys.board(survey.id) });
    },
  });
  const check = useMutation({
    mutationFn: (v: { orgIds: string[]; checked: boolean }) => setChecks(survey.id, v.orgIds, v.checked),
    onSuccess: (r, v) => {
      if (v.checked) toast.show(t("relay.checkedToast", { n: r.changed }));
      qc.invalidateQueries({ queryKey: surveyKeys.board(survey.id) });
    },
  });
  return (
    <>
      <PageHeader
        title={t("surveys.statusTitle")}
        breadcrumbs={[
          { label: t("surveys.title"), to: "/surveys" },
          { label: survey.title, to: `/surveys/${survey.id}` },
          { label: t("surveys.tabStatus") },
        ]}
        actions={survey.status === "published" && <Button onClick={() => setConfirm(true)}>{t("surveys.remindLate")}</Button>}
      />
      <SurveyTabs survey={survey} current="status" />
      <WriteBack surveyId={survey.id} />
      <FormError error={remind.error ?? check.error} />
      <QueryState query={board}>
        {(b) => {
          const unchecked = b.items.filter((r) => r.status === "submitted" && !r.checkedAt);
          const rows =
            filter === "late" ? b.items.filter((r) => r.status !== "submitted") : filter === "unchecked" ? unchecked : b.items;
          return (
            <div className="flex flex-col gap-4">
              <ul className="flex flex-wrap gap-4" aria-label={t("surveys.counts")}>
                {answerStatuses.map((s) => (
                  <li key={s} className="rounded-8 border border-solid-gray-300 px-4 py-2">
                    <span className="text-dns-14N-130">{label(answerStatusLabels, s)}</span>
                    <span className="ml-2 text-std-20B-150 tabular-nums">{b.counts[s] ?? 0}</span>
                  </li>
                ))}
              </ul>
              <RadioGroup
                legend={t("surveys.show")}
                name="filter"
                inline
                value={filter}
                onChange={setFilter}
                options={[
                  { value: "all", label: t("form.all") },
                  { value: "late", label: t("surveys.notSubmitted") },
                  { value: "unchecked", label: t("relay.unchecked") },
                ]}
              />
              {unchecked.length > 0 && (
                <div>
                  <Button
                    variant="secondary"
                    busy={check.isPending}
                    onClick={() => check.mutate({ orgIds: unchecked.map((r) => r.org.id), checked: true })}
                  >
                    {t("relay.checkAll", { n: unchecked.length })}
                  </Button>
                </div>
              )}
              <DataTable
                caption={t("surveys.statusTitle")}
                hideCaption
                rows={rows}
                rowKey={(r) => r.org.id}
                empty={t("surveys.noneLate")}
                columns={[
                  {
                    key: "org",
                    header: t("surveys.org"),
                    cell: (r) => (
                      <Link className="link" to={`/surveys/${survey.id}/answers/${r.org.id}`}>
                        {r.org.name}
                      </Link>
                    ),
                  },
                  {
                    key: "status",
                    header: t("surveys.answerStatus"),
                    cell: (r) => (
                      <span className="flex flex-wrap gap-1">
                        <Badge tone={answerTone(r.status)}>{label(answerStatusLabels, r.status)}</Badge>
                        {r.late && <Badge tone="red">{t("surveys.late")}</Badge>}
                      </span>
                    ),
                  },
                  {
                    key: "activity",
                    header: t("surveys.lastActivity"),
                    cell: (r) =>
                      r.lastActivityAt ? `${formatCompactDateTime(r.lastActivityAt)}（${r.updatedBy?.name ?? ""}）` : "—",
                  },
                  {
                    key: "submitted",
                    header: t("surveys.submittedByCol"),
                    cell: (r) =>
                      r.submittedAt ? `${formatCompactDateTime(r.submittedAt)}（${r.submittedBy?.name ?? ""}）` : "—",
                  },
                  {
                    key: "check",
                    header: t("relay.check"),
                    cell: (r) =>
                      r.checkedAt ? (
                        <span className="flex flex-wrap items-center gap-2">
                          <Badge tone="green">{t("relay.checked")}</Badge>
                          <span>{`${formatCompactDateTime(r.checkedAt)}（${r.checkedBy?.name ?? ""}）`}</span>
                          <Button
                            size="sm"
                            variant="secondary"
                            aria-label={t("relay.uncheckOf", { org: r.org.name })}
                            onClick={() => check.mutate({ orgIds: [r.org.id], checked: false })}
                          >
                            {t("relay.uncheck")}
                          </Button>
                        </span>
                      ) : r.status === "submitted" ? (
                        <Button
                          size="sm"
                          variant="secondary"
                          aria-label={t("relay.markCheckedOf", { org: r.org.name })}
                          onClick={() => check.mutate({ orgIds: [r.org.id], checked: true })}
                        >
                          {t("relay.markChecked")}
                        </Button>
                      ) : (
                        "—"
                      ),
                  },
                  {
                    key: "extension",
                    header: t("surveys.extension"),
                    cell: (r) => formatCompactDateTime(r.extendedUntil) || "—",
                  },
                  {
                    key: "reminded",
                    header: t("surveys.lastReminded"),
                    cell: (r) => formatCompactDateTime(r.lastRemindedAt) || "—",
                  },
                ]}
              />
            </div>
          );
        }}
      </QueryState>
      <ConfirmDialog
        open={confirm}
        title={t("surveys.remindLate")}
        message={t("surveys.remindConfirm")}
        confirmLabel={t("surveys.remindLate")}
        busy={remind.isPending}
        onClose={() => setConfirm(false)}
        onConfirm={() => remind.mutate()}
      />
    </>
  );
}
