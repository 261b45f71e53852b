import { Link, useNavigate, useParams } from "react-router";
import {
  consultationCategoryLabels,
  consultationChannelLabels,
  consultationStatusLabels,
  contactLabels,
  urgencyLabels,
} from "../../../shared/api/consultations.js";
import { Alert } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Button } from "../../components/button.js";
import { ContactLine } from "../../components/contact-line.js";
import { DescriptionList } from "../../components/description-list.js";
import { PageHeader } from "../../components/page-header.js";
import { useToast } from "../../components/toast.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { type ConsultationDetail, useConsultation, useSetStatus, useStartSupport } from "./api.js";
import { DetailState } from "./detail-state.js";
import { ManagePanel } from "./manage-panel.js";
import { ReplyForm } from "./reply-form.js";
import { SlaBadge } from "./sla-badge.js";
import { AttachmentList, Thread } from "./thread.js";

function Detail({ c }: { c: ConsultationDetail }) {
  const { t, label, locale } = useI18n();
  const toast = useToast();
  const close = useSetStatus(c.id);
  const startSupport = useStartSupport(c.id);
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title={c.subject}
        breadcrumbs={[{ label: t("desk.title"), to: "/consultations" }, { label: c.subject }]}
        actions={
          c.abilities.canClose &&
          !c.abilities.canChangeStatus && (
            <Button
              variant="secondary"
              busy={close.isPending}
              onClick={() => close.mutate("closed", { onSuccess: () => toast.show(t("desk.manage.statusChanged"), "success") })}
            >
              {t("desk.manage.close")}
            </Button>
          )
        }
      />
      {c.mergedIntoId && (
        <Alert tone="info" className="mb-4" title={t("desk.detail.mergedInto")}>
          <Link to={`/consultations/${c.mergedIntoId}`} className="link">
            {t("desk.detail.openMerged")}
          </Link>
        </Alert>
      )}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="flex flex-col gap-6">
          <DescriptionList
            items={[
              {
                key: "status",
                term: t("desk.status"),
                value: <Badge tone="blue">{label(consultationStatusLabels, c.status)}</Badge>,
              },
              {
                key: "org",
                term: t("desk.org"),
                value: (
                  <>
                    {t("desk.detail.filedBy", { org: c.org.name, name: c.createdBy?.name ?? "" })}
                    {!c.asker && <ContactLine contact={c.contacts.asker} />}
                  </>
                ),
              },
              ...(c.asker
                ? [
                    {
                      key: "channel",
                      term: t("desk.channel"),
                      value: (
                        <>
                          {t("desk.detail.onBehalf", {
                            channel: label(consultationChannelLabels, c.channel),
                            asker: c.asker.name,
                          })}
                          <ContactLine contact={c.contacts.asker} />
                        </>
                      ),
                    },
                  ]
                : []),
              { key: "category", term: t("desk.category"), value: label(consultationCategoryLabels, c.category) },
              { key: "urgency", term: t("desk.form.urgency"), value: label(urgencyLabels, c.urgency) },
              { key: "filed", term: t("desk.filedOn"), value: formatDateTime(c.createdAt, locale) },
              {
                key: "assignee",
                term: t("desk.assignee"),
                value: (
                  <>
                    {c.assignee?.name ?? t("desk.unassigned")}
                    <ContactLine contact={c.contacts.assignee} />
                  </>
                ),
              },
              {
                key: "contact",
                term: t("desk.detail.contact"),
                value: `${label(contactLabels, c.preferredContact)}${c.contactNote ? `（${c.contactNote}）` : ""}`,
              },
              { key: "first", term: t("desk.firstResponse"), value: <SlaBadge sla={c.firstResponse} /> },
              { key: "resolution", term: t("desk.resolution"), value: <SlaBadge sla={c.resolution} /> },
            ]}
          />
          <section aria-labelledby="body-title" className="flex flex-col gap-2">
            <h2 id="body-title" className="text-std-20B-150">
              {t("desk.detail.body")}
            </h2>
            <p className="whitespace-pre-wrap text-std-16N-170">{c.body}</p>
            {c.attachments.length > 0 && <h3 className="text-std-16B-170">{t("desk.detail.files")}</h3>}
            <AttachmentList consultationId={c.id} files={c.attachments} />
          </section>
          {c.merged.length > 0 && (
            <section aria-labelledby="merged-title">
              <h2 id="merged-title" className="text-std-18B-160">
                {t("desk.detail.merged")}
              </h2>
              <ul className="list-disc pl-6">
                {c.merged.map((m) => (
                  <li key={m.id}>
                    <Link to={`/consultations/${m.id}`} className="link">
                      {m.subject}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {(c.engagements.length > 0 || c.abilities.canStartSupport) && (
            <section aria-labelledby="support-title" className="flex flex-col gap-2">
              <h2 id="support-title" className="text-std-18B-160">
                {t("desk.detail.support")}
              </h2>
              {c.engagements.length > 0 && (
                <ul className="list-disc pl-6">
                  {c.engagements.map((e) => (
                    <li key={e.id}>
                      <Link to={`/support/${e.id}`} className="link">
                        {e.theme}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
              {c.abilities.canStartSupport && (
                <div>
                  <Button
                    variant="secondary"
                    busy={startSupport.isPending}
                    onClick={() => startSupport.mutate(undefined, { onSuccess: (e) => navigate(`/support/${e.id}`) })}
                  >
                    {t("desk.detail.startSupport")}
                  </Button>
                </div>
              )}
              {startSupport.error && <Alert tone="error">{startSupport.error.message}</Alert>}
            </section>
          )}
          <section aria-labelledby="thread-title" className="flex flex-col gap-3">
            <h2 id="thread-title" className="text-std-20B-150">
              {t("desk.detail.thread")}
            </h2>
            <Thread c={c} />
          </section>
          {c.abilities.canReply ? (
            <ReplyForm key={c.id} c={c} />
          ) : (
            c.status === "closed" && <Alert tone="info">{t("desk.reply.closed")}</Alert>
          )}
        </div>
        {(c.abilities.canAssign || c.abilities.canMakeFaq || c.abilities.canLogTime) && (
          <div>
            <ManagePanel key={`${c.id}:${c.status}:${c.assignee?.id}`} c={c} />
          </div>
        )}
      </div>
    </>
  );
}

export function ConsultationDetailPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const c = useConsultation(id);
  return (
    <DetailState query={c} back={{ to: "/consultations", label: t("desk.title") }}>
      {(data) => <Detail c={data} />}
    </DetailState>
  );
}
