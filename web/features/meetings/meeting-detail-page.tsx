import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { meetingKindLabels, meetingStatusLabels } from "../../../shared/api/meetings.js";
import { FormError } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Button, ButtonLink } from "../../components/button.js";
import { DescriptionList } from "../../components/description-list.js";
import { ConfirmDialog, Dialog } from "../../components/dialog.js";
import { TextAreaField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { ActionsSection } from "./actions-section.js";
import { AgendaSection } from "./agenda-section.js";
import { AnnounceDialog } from "./announce-dialog.js";
import { api, type MeetingDetail, useMeeting, useMeetingMutation } from "./api.js";
import { AttendanceSection } from "./attendance-section.js";
import { meetingWhen, statusTone } from "./format.js";
import { MaterialsSection } from "./materials-section.js";

function Actions({ m }: { m: MeetingDetail }) {
  const { t } = useI18n();
  const toast = useToast();
  const navigate = useNavigate();
  const [cancelling, setCancelling] = useState(false);
  const [confirm, setConfirm] = useState<"announce" | "held" | "next" | null>(null);
  const [reason, setReason] = useState("");
  const step = useMeetingMutation(m.id, (s: "announce" | "held") => api.post<MeetingDetail>(`/meetings/${m.id}/${s}`));
  const cancel = useMeetingMutation(m.id, () => api.post<MeetingDetail>(`/meetings/${m.id}/cancel`, { reason }));
  const next = useMeetingMutation(m.id, () => api.post<MeetingDetail>(`/meetings/${m.id}/next`, {}));
  return (
    <>
      <FormError error={step.error ?? next.error} />
      <div className="flex flex-wrap gap-3">
        {m.abilities.canAnnounce && <Button onClick={() => setConfirm("announce")}>{t("meetings.announce")}</Button>}
        {m.abilities.canMarkHeld && (
          <Button variant="secondary" busy={step.isPending} onClick={() => setConfirm("held")}>
            {t("meetings.markHeld")}
          </Button>
        )}
        {m.abilities.canEdit && <ButtonLink to={`/meetings/${m.id}/edit`}>{t("action.edit")}</ButtonLink>}
        {m.abilities.canPrepareNext && (
          <Button variant="secondary" busy={next.isPending} onClick={() => setConfirm("next")}>
            {t("meetings.prepareNext")}
          </Button>
        )}
        {m.abilities.canCancel && (
          <Button variant="danger" onClick={() => setCancelling(true)}>
            {t("meetings.cancel")}
          </Button>
        )}
        <a className="link self-center" href={`/api/meetings/${m.id}/meeting.ics`} download>
          {t("meetings.ics")}
        </a>
        <ButtonLink to={`/meetings/${m.id}/minutes`} variant="text">
          {t("meetings.minutesLink")}
        </ButtonLink>
        {/* Whoever runs the meeting (canPrepareNext is exactly that) decides what residents see. */}
        {m.abilities.canPrepareNext && (
          <ButtonLink to={`/meetings/${m.id}/publication`} variant="text">
            {t("publication.link")}
          </ButtonLink>
        )}
      </div>
      <AnnounceDialog m={m} open={confirm === "announce"} onClose={() => setConfirm(null)} />
      <ConfirmDialog
        open={confirm === "held"}
        title={t("meetings.heldConfirmTitle")}
        message={t("meetings.heldConfirm", { name: m.name })}
        confirmLabel={t("meetings.markHeld")}
        busy={step.isPending}
        onClose={() => setConfirm(null)}
        onConfirm={() => step.mutate("held", { onSuccess: () => setConfirm(null) })}
      />
      <ConfirmDialog
        open={confirm === "next"}
        title={t("meetings.nextConfirmTitle")}
        message={t("meetings.nextConfirm", { body: m.bodyName })}
        confirmLabel={t("meetings.prepareNext")}
        busy={next.isPending}
        onClose={() => setConfirm(null)}
        onConfirm={() =>
          next.mutate(undefined, {
            onSuccess: (n) => {
              setConfirm(null);
              navigate(`/meetings/${n.id}`);
            },
          })
        }
      />
      <Dialog
        open={cancelling}
        title={t("meetings.cancel")}
        onClose={() => setCancelling(false)}
        actions={
          <Button
            variant="danger"
            busy={cancel.isPending}
            onClick={() =>
              cancel.mutate(undefined, {
                onSuccess: () => {
                  setCancelling(false);
                  toast.show(t("meetings.cancelled"));
                },
              })
            }
          >
            {t("meetings.cancel")}
          </Button>
        }
      >
        <FormError error={cancel.error} />
        <p>{t("meetings.cancelConfirm")}</p>
        <TextAreaField
          label={t("meetings.cancelReason")}
          required
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Dialog>
    </>
  );
}

export function MeetingDetailPage() {
  const { t, label, locale } = useI18n();
  const { id = "" } = useParams();
  const meeting = useMeeting(id);
  return (
    <QueryState query={meeting}>
      {(m) => (
        <>
          <PageHeader title={m.name} breadcrumbs={[{ label: t("meetings.title"), to: "/meetings" }, { label: m.name }]} />
          <div className="flex flex-col gap-10">
            <section aria-labelledby="overview-heading" className="flex flex-col gap-4">
              <h2 id="overview-heading" className="sr-only">
                {t("meetings.overview")}
              </h2>
              <DescriptionList
                items={[
                  {
                    key: "status",
                    term: t("meetings.status"),
                    value: <Badge tone={statusTone(m.status)}>{label(meetingStatusLabels, m.status)}</Badge>,
                  },
                  { key: "body", term: t("meetings.body"), value: m.bodyName },
                  {
                    key: "when",
                    term: t("meetings.when"),
                    value: (
                      <>
                        {meetingWhen(m, locale)}
                        {m.dateWarning && (
                          <strong className="ml-2 text-error-2">{t("meetings.dateWarning", { reason: m.dateWarning })}</strong>
                        )}
                      </>
                    ),
                  },
                  { key: "kind", term: t("meetings.kind"), value: label(meetingKindLabels, m.kind) },
                  { key: "place", term: t("meetings.place"), value: m.place },
                  { key: "url", term: t("meetings.onlineUrl"), value: m.onlineUrl },
                  { key: "reason", term: t("meetings.cancelReason"), value: m.cancelReason },
                  {
                    key: "description",
                    term: t("meetings.description"),
                    value: m.description && <span className="whitespace-pre-wrap">{m.description}</span>,
                  },
                ]}
              />
              <Actions m={m} />
            </section>
            <AgendaSection m={m} />
            <MaterialsSection m={m} />
            {m.status !== "draft" && m.status !== "cancelled" && <AttendanceSection m={m} />}
            <ActionsSection m={m} />
          </div>
        </>
      )}
    </QueryState>
  );
}
