import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { minutesStatusLabels } from "../../../shared/api/meetings.js";
import { Alert, FormError } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Button } from "../../components/button.js";
import { ConfirmDialog } from "../../components/dialog.js";
import { TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { RichTextField } from "../../components/rich-text-field.js";
import { useToast } from "../../components/toast.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { api, type MeetingDetail, type MinutesView, meetingKeys, useMeeting, useMinutes } from "./api.js";

function Editor({ m, view }: { m: MeetingDetail; view: MinutesView }) {
  const { t } = useI18n();
  const toast = useToast();
  const qc = useQueryClient();
  const cur = view.current;
  const [body, setBody] = useState(cur?.bodyMd ?? "");
  const [outcomes, setOutcomes] = useState<Record<string, string>>(cur?.outcomes ?? {});
  const [reason, setReason] = useState("");
  const [confirmPublish, setConfirmPublish] = useState(false);
  const act = useMutation({
    mutationFn: (step: "save" | "approve" | "publish" | "correct") =>
      step === "save"
        ? api.put<MinutesView>(`/meetings/${m.id}/minutes`, { bodyMd: body, outcomes })
        : step === "correct"
          ? api.post<MinutesView>(`/meetings/${m.id}/minutes/corrections`, { reason })
          : api.post<MinutesView>(`/meetings/${m.id}/minutes/${step}`),
    onSuccess: (v, step) => {
      qc.setQueryData(meetingKeys.minutes(m.id), v);
      qc.invalidateQueries({ queryKey: meetingKeys.one(m.id) });
      if (step === "correct") setBody(v.current?.bodyMd ?? body);
      toast.show(step === "publish" ? t("minutes.published") : t("minutes.saved"));
    },
  });
  const accepted = m.agenda.filter((a) => a.status === "accepted");
  return (
    <div className="flex flex-col gap-4">
      <FormError error={act.error} />
      {view.abilities.canEdit ? (
        <>
          <RichTextField label={t("minutes.body")} rows={14} value={body} onChange={setBody} />
          {accepted.map((a) => (
            <TextField
              key={a.id}
              label={`${t("agenda.outcome")}：${a.title}`}
              value={outcomes[a.id] ?? ""}
              onChange={(e) => setOutcomes({ ...outcomes, [a.id]: e.target.value })}
            />
          ))}
          <div>
            <Button variant="secondary" busy={act.isPending} onClick={() => act.mutate("save")}>
              {t("minutes.save")}
            </Button>
          </div>
        </>
      ) : (
        cur?.status === "published" && <Alert tone="info" title={t("minutes.readOnly")} />
      )}
      <div className="flex flex-wrap gap-3">
        {view.abilities.canApprove && (
          <Button busy={act.isPending} onClick={() => act.mutate("approve")}>
            {t("minutes.approve")}
          </Button>
        )}
        {view.abilities.canPublish && (
          <Button busy={act.isPending} onClick={() => setConfirmPublish(true)}>
            {t("minutes.publish")}
          </Button>
        )}
      </div>
      <ConfirmDialog
        open={confirmPublish}
        title={t("minutes.publishConfirmTitle")}
        message={
          <div className="flex flex-col gap-2">
            <p>{t("minutes.publishConfirm", { body: m.bodyName, n: cur?.revision ?? 1 })}</p>
            <ul className="list-disc pl-6">
              <li>{t("minutes.publishWhatText")}</li>
              {accepted.some((a) => outcomes[a.id]) && <li>{t("minutes.publishWhatOutcomes")}</li>}
              <li>{t("minutes.publishWhatNotify")}</li>
            </ul>
            <p>{t("minutes.publishFinal")}</p>
          </div>
        }
        confirmLabel={t("minutes.publish")}
        busy={act.isPending}
        onClose={() => setConfirmPublish(false)}
        onConfirm={() => act.mutate("publish", { onSuccess: () => setConfirmPublish(false) })}
      />
      {view.abilities.canCorrect && (
        <div className="flex max-w-2xl flex-col gap-2">
          <TextField label={t("minutes.correctReason")} value={reason} onChange={(e) => setReason(e.target.value)} />
          <div>
            <Button variant="secondary" busy={act.isPending} onClick={() => act.mutate("correct")}>
              {t("minutes.correct")}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}

export function MinutesPage() {
  const { t, label, locale } = useI18n();
  const { id = "" } = useParams();
  const meeting = useMeeting(id);
  const minutes = useMinutes(id);
  return (
    <QueryState query={meeting}>
      {(m) => (
        <>
          <PageHeader
            title={`${t("minutes.title")}：${m.name}`}
            breadcrumbs={[
              { label: t("meetings.title"), to: "/meetings" },
              { label: m.name, to: `/meetings/${id}` },
              { label: t("minutes.title") },
            ]}
            actions={
              <Link to={`/meetings/${id}/minutes/review`} className="link">
                {t("review.title")}
              </Link>
            }
          />
          <QueryState query={minutes}>
            {(v) => (
              <div className="flex flex-col gap-8">
                {v.current ? (
                  <section aria-labelledby="minutes-current" className="flex flex-col gap-3">
                    <h2 id="minutes-current" className="flex flex-wrap items-center gap-3 text-std-24B-150">
                      {t("minutes.revision", { n: v.current.revision })}
                      <Badge tone={v.current.status === "published" ? "green" : "orange"}>
                        {label(minutesStatusLabels, v.current.status)}
                      </Badge>
                    </h2>
                    {/* biome-ignore lint/security/noDangerouslySetInnerHtml: rendered from Markdown and sanitised on the server (sanitize-html). */}
                    <div className="rich-text" dangerouslySetInnerHTML={{ __html: v.current.html }} />
                    <p className="print-hidden flex flex-wrap gap-4">
                      <a className="link" href={`/api/meetings/${m.id}/minutes.pdf`} download>
                        {t("minutes.downloadPdf")}
                      </a>
                      <a className="link" href={`/api/meetings/${m.id}/minutes.docx`} download>
                        {t("minutes.downloadDocx")}
                      </a>
                    </p>
                    {m.agenda
                      .filter((a) => v.current?.outcomes[a.id])
                      .map((a) => (
                        <p key={a.id}>
                          <strong>
                            {t("agenda.outcome")}（{a.title}）
                          </strong>
                          ：{v.current?.outcomes[a.id]}
                        </p>
                      ))}
                  </section>
                ) : (
                  <p>{t("minutes.none")}</p>
                )}
                {(v.abilities.canEdit || v.abilities.canApprove || v.abilities.canPublish || v.abilities.canCorrect) && (
                  <Editor key={`${v.current?.revision}-${v.current?.status}`} m={m} view={v} />
                )}
                {v.history.length > 0 && (
                  <section aria-labelledby="minutes-history" className="flex flex-col gap-2">
                    <h2 id="minutes-history" className="text-std-20B-150">
                      {t("minutes.history")}
                    </h2>
                    <ul>
                      {v.history.map((h) => (
                        <li key={h.revision}>
                          {t("minutes.revision", { n: h.revision })}・{label(minutesStatusLabels, h.status)}
                          {h.publishedAt && `・${formatDateTime(h.publishedAt, locale)}`}
                          {h.correctionReason && `・${t("minutes.correctReason")}：${h.correctionReason}`}
                        </li>
                      ))}
                    </ul>
                  </section>
                )}
              </div>
            )}
          </QueryState>
        </>
      )}
    </QueryState>
  );
}
