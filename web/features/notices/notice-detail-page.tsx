import { useEffect, useRef } from "react";
import { useParams } from "react-router";
import type { NoticeDetail } from "../../../shared/api/notices.js";
import { Alert, FormError } from "../../components/alert.js";
import { Attachments } from "../../components/attachments.js";
import { Button } from "../../components/button.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { formatDate, formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useMarkRead, useNotice, useRemoveAttachment, useUploadAttachments } from "./api.js";
import { NoticeBadges } from "./notice-badges.js";
import { NoticeManage } from "./notice-manage.js";
import { NoticeReads } from "./notice-reads.js";

/** Required reading is confirmed with a button; any other notice counts as read once opened. */
function Reading({ n }: { n: NoticeDetail }) {
  const { t } = useI18n();
  const mark = useMarkRead(n.id);
  const sent = useRef(false);
  const readable = n.status === "published" || n.status === "archived";
  useEffect(() => {
    if (readable && !n.required && !n.readByMe && !sent.current) {
      sent.current = true;
      mark.mutate();
    }
  }, [readable, n.required, n.readByMe, mark]);
  if (!readable || !n.required) return null;
  if (n.readByMe)
    return (
      <Alert tone="success" role="status">
        {t("notices.confirmed")}
      </Alert>
    );
  return (
    <Alert tone="warning" title={t("notices.confirmHint")}>
      <FormError error={mark.error} />
      <Button className="mt-2" busy={mark.isPending} busyLabel={t("state.saving")} onClick={() => mark.mutate()}>
        {t("notices.confirm")}
      </Button>
    </Alert>
  );
}

function NoticeView({ n }: { n: NoticeDetail }) {
  const { t, locale } = useI18n();
  const upload = useUploadAttachments(n.id);
  const remove = useRemoveAttachment(n.id);
  return (
    <>
      <PageHeader
        title={n.title}
        breadcrumbs={[{ label: t("notices.title"), to: "/notices" }, { label: n.title }]}
        description={
          <div className="flex flex-col gap-2">
            <NoticeBadges n={n} />
            <p className="text-dns-14N-130">
              {n.publishedAt ? `${t("notices.published")}：${formatDate(n.publishedAt, locale)}` : ""}
              {n.status === "scheduled" && n.publishAt && t("notices.scheduledFor", { at: formatDateTime(n.publishAt, locale) })}
              {n.body && `・${n.body.name}`}・{t("notices.author", { name: n.author.name, org: n.author.orgName })}
            </p>
          </div>
        }
      />
      <div className="flex flex-col gap-6">
        <Reading n={n} />
        {/* The server renders the Markdown and sanitises it with an allow-list. */}
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: escaped and sanitised on the server (sanitize-html / escapeHtml + <mark>). */}
        <div className="rich-text" dangerouslySetInnerHTML={{ __html: n.bodyHtml }} />
        {n.links.length > 0 && (
          <section aria-labelledby="links-heading">
            <h2 id="links-heading" className="mb-2 text-std-20B-150">
              {t("notices.links")}
            </h2>
            <ul className="list-disc pl-6">
              {n.links.map((l) => (
                <li key={l.url}>
                  <a href={l.url} className="link" target="_blank" rel="noopener noreferrer">
                    {l.title}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        )}
        <Attachments
          files={n.attachments}
          url={`/api/notices/${n.id}/attachments`}
          canEdit={n.abilities.canEdit}
          upload={upload}
          remove={remove}
        />
        {n.abilities.canEdit && <NoticeManage n={n} />}
        {n.abilities.canViewReads && <NoticeReads n={n} />}
      </div>
    </>
  );
}

export function NoticeDetailPage() {
  const { id = "" } = useParams();
  const notice = useNotice(id);
  return <QueryState query={notice}>{(n) => <NoticeView n={n} />}</QueryState>;
}
