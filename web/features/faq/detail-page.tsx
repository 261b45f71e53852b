import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { faqCategoryLabels, faqStatusLabels, findingLabels } from "../../../shared/api/faq.js";
import { Alert, FormError } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Button } from "../../components/button.js";
import { ConfirmDialog } from "../../components/dialog.js";
import { CheckboxField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { useToast } from "../../components/toast.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { DetailState } from "../consultations/detail-state.js";
import { type FaqArticle, useDeleteFaq, useFaq, usePublishFaq, useUnpublishFaq, useUpdateFaq } from "./api.js";
import { FaqForm } from "./faq-form.js";

/** The reviewer's box: what still identifies someone, the confirmation, and publication. */
function Review({ a }: { a: FaqArticle }) {
  const { t, label } = useI18n();
  const toast = useToast();
  const publish = usePublishFaq(a.id);
  const unpublish = useUnpublishFaq(a.id);
  const [confirmed, setConfirmed] = useState(false);
  const findings = a.review?.findings ?? [];
  return (
    <section
      aria-labelledby="review-title"
      className="flex flex-col gap-3 rounded-8 border border-solid-gray-300 bg-solid-gray-50 p-4"
    >
      <h2 id="review-title" className="text-std-20B-150">
        {t("faq.review")}
      </h2>
      <FormError error={publish.error ?? unpublish.error} />
      {findings.length > 0 ? (
        <Alert tone="warning" title={t("faq.findings")}>
          <ul className="list-disc pl-6">
            {findings.map((f) => (
              <li key={`${f.field}:${f.term}`}>
                {label(findingLabels, f.kind)}：「{f.term}」（{f.field === "question" ? t("faq.question") : t("faq.answer")}）
              </li>
            ))}
          </ul>
        </Alert>
      ) : (
        <p>{t("faq.findingsNone")}</p>
      )}
      {a.review?.sourceConsultationId && (
        <p>
          <Link to={`/consultations/${a.review.sourceConsultationId}`} className="link">
            {t("faq.source")}
          </Link>
        </p>
      )}
      {a.review?.reviewedBy && <p className="text-dns-14N-130">{t("faq.reviewedBy", { name: a.review.reviewedBy })}</p>}
      {a.abilities.canPublish && (
        <>
          <CheckboxField label={t("faq.confirm")} checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
          <div>
            <Button
              disabled={!confirmed}
              busy={publish.isPending}
              onClick={() => publish.mutate(true, { onSuccess: () => toast.show(t("faq.publishedToast"), "success") })}
            >
              {t("faq.publish")}
            </Button>
          </div>
        </>
      )}
      {a.abilities.canUnpublish && (
        <div>
          <Button variant="secondary" busy={unpublish.isPending} onClick={() => unpublish.mutate(undefined)}>
            {t("faq.unpublish")}
          </Button>
        </div>
      )}
    </section>
  );
}

function Article({ a }: { a: FaqArticle }) {
  const { t, label, locale } = useI18n();
  const navigate = useNavigate();
  const toast = useToast();
  const update = useUpdateFaq(a.id);
  const remove = useDeleteFaq();
  const [confirmDelete, setConfirmDelete] = useState(false);
  return (
    <>
      <PageHeader
        title={a.question}
        breadcrumbs={[{ label: t("faq.title"), to: "/faq" }, { label: a.question }]}
        actions={
          a.abilities.canDelete && (
            <Button variant="danger" onClick={() => setConfirmDelete(true)}>
              {t("action.delete")}
            </Button>
          )
        }
      />
      <ConfirmDialog
        open={confirmDelete}
        title={t("faq.deleteTitle")}
        message={t("faq.deleteConfirm", { title: a.question })}
        confirmLabel={t("action.delete")}
        danger
        busy={remove.isPending}
        onClose={() => setConfirmDelete(false)}
        onConfirm={() =>
          remove.mutate(a.id, {
            onSuccess: () => {
              toast.show(t("faq.deleted"), "success");
              navigate("/faq");
            },
          })
        }
      />
      <p className="mb-4 flex flex-wrap gap-2">
        <Badge tone="blue">{label(faqCategoryLabels, a.category)}</Badge>
        <Badge tone={a.status === "published" ? "green" : "orange"}>{label(faqStatusLabels, a.status)}</Badge>
        {a.publishedAt && (
          <span className="text-dns-14N-130">
            {t("faq.published")}：{formatDate(a.publishedAt, locale)}
          </span>
        )}
      </p>
      {a.abilities.canEdit ? (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          <section aria-labelledby="edit-title">
            <h2 id="edit-title" className="mb-3 text-std-20B-150">
              {t("faq.edit")}
            </h2>
            <FaqForm
              key={a.updatedAt}
              initial={a}
              busy={update.isPending}
              error={update.error}
              onSubmit={(v) => update.mutate(v, { onSuccess: () => toast.show(t("state.saved"), "success") })}
            />
          </section>
          <Review a={a} />
        </div>
      ) : (
        <section aria-labelledby="answer-title">
          <h2 id="answer-title" className="mb-2 text-std-20B-150">
            {t("faq.answer")}
          </h2>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: rendered and sanitised (allow-list) on the server. */}
          <div className="rich-text" dangerouslySetInnerHTML={{ __html: a.answerHtml }} />
        </section>
      )}
    </>
  );
}

export function FaqDetailPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const a = useFaq(id);
  return (
    <DetailState query={a} back={{ to: "/faq", label: t("faq.title") }}>
      {(data) => <Article a={data} />}
    </DetailState>
  );
}
