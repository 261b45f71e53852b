import { Controller } from "react-hook-form";
import { Link, useParams } from "react-router";
import {
  type ChallengeDetail,
  challengeStatusLabels,
  commentInput,
  commentKindLabels,
  commentKinds,
  shareInput,
} from "../../../shared/api/challenges.js";
import { FormError } from "../../components/alert.js";
import { Attachments } from "../../components/attachments.js";
import { Badge } from "../../components/badge.js";
import { Button, ButtonLink } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { RadioGroup } from "../../components/radio-group.js";
import { RichTextField } from "../../components/rich-text-field.js";
import { useToast } from "../../components/toast.js";
import { formatDate, formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import {
  useChallenge,
  useComment,
  useDeleteComment,
  useRemoveChallengeFile,
  useShare,
  useUnshare,
  useUploadChallengeFiles,
} from "./api.js";
import { SecretariatPanel } from "./secretariat-panel.js";

function SharePanel({ c }: { c: ChallengeDetail }) {
  const { t } = useI18n();
  const toast = useToast();
  const form = useZodForm(shareInput, { defaultValues: { note: "" } });
  const share = useShare(c.id);
  const unshare = useUnshare(c.id);
  if (!c.abilities.canShare) return null;
  if (c.sharedByMyOrg)
    return (
      <div className="flex flex-wrap items-center gap-3">
        <Badge tone="green">{t("challenges.sharedByMe")}</Badge>
        <Button variant="text" size="sm" busy={unshare.isPending} onClick={() => unshare.mutate(undefined)}>
          {t("challenges.unshare")}
        </Button>
      </div>
    );
  return (
    <ZodForm
      form={form}
      onValid={(v) => share.mutate(v.note, { onSuccess: () => toast.show(t("challenges.shared")) })}
      error={share.error}
      className="flex flex-wrap items-end gap-3 rounded-8 border border-blue-900 bg-blue-50 p-4"
    >
      <TextField label={t("challenges.shareNote")} {...form.field("note")} className="min-w-64 flex-1" />
      <Button type="submit" busy={share.isPending}>
        {t("challenges.share")}
      </Button>
    </ZodForm>
  );
}

function Discussion({ c }: { c: ChallengeDetail }) {
  const { t, label, locale } = useI18n();
  const toast = useToast();
  const form = useZodForm(commentInput, { defaultValues: { kind: "comment", bodyMd: "" } });
  const comment = useComment(c.id);
  const del = useDeleteComment(c.id);
  const submit = (v: { kind: "comment" | "solution"; bodyMd: string }) =>
    comment.mutate(v, {
      onSuccess: () => {
        form.reset({ kind: v.kind, bodyMd: "" });
        toast.show(t("challenges.commented"));
      },
    });
  return (
    <section aria-labelledby="discussion-heading" className="flex flex-col gap-3">
      <h2 id="discussion-heading" className="text-std-20B-150">
        {t("challenges.discussion")}
      </h2>
      {c.comments.length === 0 ? (
        <p>{t("challenges.noComments")}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {c.comments.map((m) => (
            <li
              key={m.id}
              className={`rounded-8 border p-4 ${m.kind === "solution" ? "border-green-900 bg-green-50" : "border-solid-gray-300"}`}
            >
              <p className="mb-1 flex flex-wrap items-center gap-2 text-dns-14N-130">
                <Badge tone={m.kind === "solution" ? "green" : "neutral"}>{label(commentKindLabels, m.kind)}</Badge>
                {m.author.orgName}・{m.author.name}・{formatDateTime(m.createdAt, locale)}
              </p>
              {/* biome-ignore lint/security/noDangerouslySetInnerHtml: escaped and sanitised on the server (sanitize-html / escapeHtml + <mark>). */}
              <div className="rich-text" dangerouslySetInnerHTML={{ __html: m.bodyHtml }} />
              {m.canDelete && (
                <Button variant="text" size="sm" onClick={() => del.mutate(m.id)}>
                  {t("challenges.deleteComment")}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {c.abilities.canComment && (
        <ZodForm
          form={form}
          onValid={submit}
          error={comment.error}
          className="flex flex-col gap-3 rounded-8 border border-solid-gray-300 p-4"
        >
          <FormError error={del.error} />
          <Controller
            control={form.control}
            name="kind"
            render={({ field }) => (
              <RadioGroup
                legend={t("challenges.commentKind")}
                name="comment-kind"
                inline
                value={field.value ?? "comment"}
                onChange={field.onChange}
                options={commentKinds.map((k) => ({ value: k, label: label(commentKindLabels, k) }))}
              />
            )}
          />
          <Controller
            control={form.control}
            name="bodyMd"
            render={({ field, fieldState }) => (
              <RichTextField
                label={t("challenges.commentBody")}
                required
                rows={5}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                inputRef={field.ref}
                error={fieldState.error?.message}
              />
            )}
          />
          <div>
            <Button type="submit" busy={comment.isPending} busyLabel={t("state.saving")}>
              {t("challenges.postComment")}
            </Button>
          </div>
        </ZodForm>
      )}
    </section>
  );
}

function ChallengeView({ c }: { c: ChallengeDetail }) {
  const { t, label, locale } = useI18n();
  const upload = useUploadChallengeFiles(c.id);
  const remove = useRemoveChallengeFile(c.id);
  return (
    <>
      <PageHeader
        title={c.title}
        breadcrumbs={[{ label: t("challenges.title"), to: "/challenges" }, { label: c.title }]}
        actions={c.abilities.canEdit && <ButtonLink to={`/challenges/${c.id}/edit`}>{t("action.edit")}</ButtonLink>}
        description={
          <div className="flex flex-col gap-2">
            <div className="flex flex-wrap gap-2">
              <Badge tone="blue">{label(challengeStatusLabels, c.status)}</Badge>
              {c.theme && <Badge>{c.theme}</Badge>}
              {c.body && <Badge>{c.body.name}</Badge>}
            </div>
            <p className="text-dns-14N-130">
              {t("challenges.postedBy", { org: c.org.name })}（{c.author.name}）・{formatDate(c.createdAt, locale)}
            </p>
          </div>
        }
      />
      <div className="flex flex-col gap-6">
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: escaped and sanitised on the server (sanitize-html / escapeHtml + <mark>). */}
        <div className="rich-text" dangerouslySetInnerHTML={{ __html: c.descriptionHtml }} />
        {c.resolution && (
          <section aria-labelledby="resolution-heading" className="rounded-8 border border-green-900 bg-green-50 p-4">
            <h2 id="resolution-heading" className="text-std-18B-160">
              {t("challenges.resolution")}
            </h2>
            <p className="whitespace-pre-wrap">{c.resolution}</p>
          </section>
        )}
        {c.meetingId && (
          <p>
            {t("challenges.linkedMeeting")}：
            <Link to={`/meetings/${c.meetingId}`} className="link">
              {t("challenges.openMeeting")}
            </Link>
          </p>
        )}
        {/* Files the posting organisation attaches (the vendor's letter …); everyone who sees the challenge may open them. */}
        <Attachments
          files={c.attachments}
          url={`/api/challenges/${c.id}/attachments`}
          canEdit={c.abilities.canEdit}
          upload={upload}
          remove={remove}
        />
        <section aria-labelledby="sharers-heading" className="flex flex-col gap-3">
          <h2 id="sharers-heading" className="text-std-20B-150">
            {t("challenges.sharers", { count: c.shareCount })}
          </h2>
          {c.shares.length === 0 ? (
            <p>{t("challenges.noSharers")}</p>
          ) : (
            <ul className="flex flex-wrap gap-2">
              {c.shares.map((s) => (
                <li key={s.org.id} className="rounded-8 border border-solid-gray-300 px-3 py-1" title={s.note || undefined}>
                  {s.org.name}
                  {s.note && <span className="block text-dns-14N-130 text-solid-gray-700">{s.note}</span>}
                </li>
              ))}
            </ul>
          )}
          <SharePanel c={c} />
        </section>
        <Discussion c={c} />
        {(c.abilities.canSetStatus || c.abilities.canLinkMeeting) && <SecretariatPanel c={c} />}
      </div>
    </>
  );
}

export function ChallengeDetailPage() {
  const { id = "" } = useParams();
  const c = useChallenge(id);
  return <QueryState query={c}>{(d) => <ChallengeView c={d} />}</QueryState>;
}
