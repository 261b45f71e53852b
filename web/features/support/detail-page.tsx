import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { commentInput, engagementStatusLabels, sessionModeLabels } from "../../../shared/api/support.js";
import { Badge } from "../../components/badge.js";
import { Button } from "../../components/button.js";
import { DescriptionList } from "../../components/description-list.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { TextAreaField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { useToast } from "../../components/toast.js";
import { formatDate, formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { DetailState } from "../consultations/detail-state.js";
import {
  type EngagementDetail,
  useComment,
  useCreateEngagement,
  useEngagement,
  useToggleStep,
  useUpdateEngagement,
} from "./api.js";
import { EngagementForm } from "./engagement-form.js";
import { SessionForm } from "./session-form.js";
import { TimeForm } from "./time-form.js";

function Steps({ e }: { e: EngagementDetail }) {
  const { t, locale } = useI18n();
  const toggle = useToggleStep(e.id);
  // The box follows the click at once; the server's answer then confirms it (or puts it back).
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const change = (stepId: string, done: boolean) => {
    setPending((p) => ({ ...p, [stepId]: done }));
    toggle.mutate({ stepId, done }, { onSettled: () => setPending(({ [stepId]: _, ...rest }) => rest) });
  };
  if (e.nextSteps.length === 0) return <p>{t("support.steps.empty")}</p>;
  return (
    <ul className="flex flex-col gap-2">
      {e.nextSteps.map((s) => (
        <li key={s.id} className="flex flex-wrap items-center gap-3 rounded-8 border border-solid-gray-300 p-3">
          <label className="flex items-center gap-2 text-std-16N-170">
            <input
              type="checkbox"
              className="size-5 accent-blue-900"
              checked={pending[s.id] ?? !!s.doneAt}
              disabled={!e.abilities.canUpdateSteps}
              onChange={(ev) => change(s.id, ev.target.checked)}
            />
            <span className={s.doneAt ? "line-through" : ""}>{s.title}</span>
          </label>
          <span className="text-dns-14N-130">
            {t("support.step.owner")}：{s.owner}
          </span>
          {s.dueDate && <span className="text-dns-14N-130">{t("desk.dueOn", { date: formatDate(s.dueDate, locale) })}</span>}
          {s.overdue && <Badge tone="red">{t("support.step.overdue")}</Badge>}
          {s.doneAt && <Badge tone="green">{t("support.step.done")}</Badge>}
        </li>
      ))}
    </ul>
  );
}

function Comments({ e }: { e: EngagementDetail }) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const post = useComment(e.id);
  const form = useZodForm(commentInput, { defaultValues: { body: "" } });
  const submit = (v: { body: string }) =>
    post.mutate(v.body, {
      onSuccess: () => {
        form.reset({ body: "" });
        toast.show(t("support.comment.sent"), "success");
      },
    });
  return (
    <section aria-labelledby="comments-title" className="flex flex-col gap-3">
      <h2 id="comments-title" className="text-std-20B-150">
        {t("support.comments")}
      </h2>
      {e.comments.length === 0 ? (
        <p>{t("support.comments.empty")}</p>
      ) : (
        <ol className="flex flex-col gap-2">
          {e.comments.map((c) => (
            <li key={c.id} className="rounded-8 border border-solid-gray-300 p-3">
              <p className="text-dns-14B-130">
                {c.author ? `${c.author.orgName}　${c.author.name}` : ""}　
                <span className="font-normal">{formatDateTime(c.createdAt, locale)}</span>
              </p>
              {/* biome-ignore lint/security/noDangerouslySetInnerHtml: rendered from Markdown and sanitised on the server (platform/text/markdown.ts). */}
              <div className="prose max-w-none" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
            </li>
          ))}
        </ol>
      )}
      {e.abilities.canComment && (
        <ZodForm form={form} onValid={submit} error={post.error} className="flex flex-col gap-2">
          <TextAreaField label={t("support.comment.body")} rows={3} {...form.field("body")} />
          <div>
            <Button type="submit" size="sm" busy={post.isPending}>
              {t("support.comment.send")}
            </Button>
          </div>
        </ZodForm>
      )}
    </section>
  );
}

function Engagement({ e }: { e: EngagementDetail }) {
  const { t, label, locale } = useI18n();
  const toast = useToast();
  const update = useUpdateEngagement(e.id);
  const [editing, setEditing] = useState(false);
  return (
    <>
      <PageHeader
        title={e.theme}
        breadcrumbs={[{ label: t("support.title"), to: "/support" }, { label: e.theme }]}
        actions={
          e.abilities.canEdit && (
            <Button variant="secondary" onClick={() => setEditing((x) => !x)}>
              {editing ? t("action.cancel") : t("action.edit")}
            </Button>
          )
        }
      />
      {editing ? (
        <EngagementForm
          initial={e}
          busy={update.isPending}
          error={update.error}
          onSubmit={(v) => {
            const { orgId: _o, ...patch } = v;
            update.mutate(patch, {
              onSuccess: () => {
                setEditing(false);
                toast.show(t("state.saved"), "success");
              },
            });
          }}
        />
      ) : (
        <div className="grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <div className="flex flex-col gap-6">
            <DescriptionList
              items={[
                { key: "org", term: t("support.org"), value: e.org.name },
                {
                  key: "status",
                  term: t("support.status"),
                  value: (
                    <Badge tone={e.status === "active" ? "green" : "neutral"}>{label(engagementStatusLabels, e.status)}</Badge>
                  ),
                },
                {
                  key: "period",
                  term: t("support.period"),
                  value: `${formatDate(e.startDate, locale)} 〜 ${e.endDate ? formatDate(e.endDate, locale) : ""}`,
                },
                { key: "spec", term: t("support.specialists"), value: e.specialists.map((s) => s.name).join("、") },
                ...(e.consultationId
                  ? [
                      {
                        key: "consultation",
                        term: t("support.fromConsultation"),
                        value: (
                          <Link to={`/consultations/${e.consultationId}`} className="link">
                            {t("support.openConsultation")}
                          </Link>
                        ),
                      },
                    ]
                  : []),
                { key: "goals", term: t("support.goals"), value: <span className="whitespace-pre-wrap">{e.goals}</span> },
                { key: "outcome", term: t("support.outcome"), value: <span className="whitespace-pre-wrap">{e.outcome}</span> },
                {
                  key: "progress",
                  term: t("support.progress"),
                  value: e.progressItems.length ? (
                    <ul className="list-disc pl-5">
                      {e.progressItems.map((p) => (
                        <li key={p.id}>
                          {p.programme}：{p.name}
                          {p.pct != null && `（${t("support.progressPct", { pct: Math.round(p.pct) })}）`}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    t("support.progressNone")
                  ),
                },
              ]}
            />
            <section aria-labelledby="steps-title" className="flex flex-col gap-3">
              <h2 id="steps-title" className="text-std-20B-150">
                {t("support.log.steps")}
              </h2>
              <Steps e={e} />
            </section>
            <section aria-labelledby="sessions-title" className="flex flex-col gap-3">
              <h2 id="sessions-title" className="text-std-20B-150">
                {t("support.sessions")}
              </h2>
              {e.sessions.length === 0 ? (
                <p>{t("support.empty")}</p>
              ) : (
                <ol className="flex flex-col gap-3">
                  {e.sessions.map((s) => (
                    <li key={s.id} className="rounded-8 border border-solid-gray-300 p-4">
                      <p className="mb-1 flex flex-wrap gap-2 text-dns-14B-130">
                        {formatDate(s.date, locale)}
                        <Badge>{label(sessionModeLabels, s.mode)}</Badge>
                        {s.participants && <span className="font-normal">{s.participants}</span>}
                      </p>
                      <p className="whitespace-pre-wrap">{s.notes}</p>
                      {e.abilities.canLogTime && (
                        <details className="mt-2">
                          <summary className="link cursor-pointer">{t("support.time.log")}</summary>
                          <TimeForm path={`/support/engagements/${e.id}/sessions/${s.id}/time`} id={`time-${s.id}`} />
                        </details>
                      )}
                    </li>
                  ))}
                </ol>
              )}
            </section>
            <Comments e={e} />
          </div>
          {e.abilities.canLogSession && (
            <div>
              <SessionForm engagementId={e.id} orgName={e.org.name} />
            </div>
          )}
        </div>
      )}
    </>
  );
}

export function SupportDetailPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const e = useEngagement(id);
  return (
    <DetailState query={e} back={{ to: "/support", label: t("support.title") }}>
      {(data) => <Engagement e={data} />}
    </DetailState>
  );
}

export function SupportNewPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const toast = useToast();
  const create = useCreateEngagement();
  return (
    <>
      <PageHeader
        title={t("support.new")}
        breadcrumbs={[{ label: t("support.title"), to: "/support" }, { label: t("support.new") }]}
      />
      <EngagementForm
        busy={create.isPending}
        error={create.error}
        onSubmit={(v) =>
          create.mutate(v, {
            onSuccess: (e) => {
              toast.show(t("support.created"), "success");
              navigate(`/support/${e.id}`);
            },
          })
        }
      />
    </>
  );
}
