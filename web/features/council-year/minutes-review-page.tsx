import { Link, useParams } from "react-router";
import type { z } from "zod";
import {
  type MinutesReview,
  reviewInput,
  reviewOutcomeLabels,
  suggestionInput,
  suggestionStatusLabels,
} from "../../../shared/api/minutes-review.js";
import { Alert, FormError } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Button } from "../../components/button.js";
import { Card } from "../../components/card.js";
import { DataTable } from "../../components/data-table.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { TextAreaField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { formatDateTime, jstInputToIso } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { api, useReview, useReviewMutation } from "./review-api.js";

type Passage = MinutesReview["passages"][number];
type SuggestionInput = z.input<typeof suggestionInput>;

function SuggestForm({ meetingId, review, passage }: { meetingId: string; review: MinutesReview; passage: Passage }) {
  const { t } = useI18n();
  const toast = useToast();
  const form = useZodForm(suggestionInput, { defaultValues: { text: passage.text, note: "" } });
  const send = useReviewMutation(meetingId, (input: SuggestionInput) =>
    api.post(`/minutes-reviews/${review.id}/passages/${passage.id}/suggestions`, input),
  );
  return (
    <ZodForm
      form={form}
      error={send.error}
      onValid={(input) => send.mutate(input, { onSuccess: () => toast.show(t("review.sent")) })}
      className="mt-3 flex flex-col gap-3 rounded-8 bg-solid-gray-50 p-3"
      aria-label={t("review.suggest")}
    >
      <TextAreaField label={t("review.suggestText")} required rows={3} {...form.field("text")} />
      <TextField label={t("review.note")} {...form.field("note")} />
      <div>
        <Button type="submit" size="sm" busy={send.isPending}>
          {t("review.send")}
        </Button>
      </div>
    </ZodForm>
  );
}

type Reviewer = MinutesReview["reviewers"][number];

/** The secretariat's view of who has finished (「修正なし」 / 「提案を送信して完了」), who has not, and who was reminded. */
function AnswersTable({ review }: { review: MinutesReview }) {
  const { t, label, locale } = useI18n();
  return (
    <DataTable<Reviewer>
      caption={t("review.answers")}
      rows={review.reviewers}
      rowKey={(r) => r.org.id}
      empty={t("review.answerNone")}
      columns={[
        { key: "org", header: t("review.answerOrg"), cell: (r) => r.org.name },
        {
          key: "state",
          header: t("review.answerState"),
          cell: (r) =>
            r.answer ? (
              <Badge tone="green">{label(reviewOutcomeLabels, r.answer.outcome)}</Badge>
            ) : (
              <Badge tone="orange">{t("review.unanswered")}</Badge>
            ),
        },
        {
          key: "at",
          header: t("review.answeredAt"),
          cell: (r) => (r.answer ? `${formatDateTime(r.answer.answeredAt, locale)}（${r.answer.userName}）` : "—"),
        },
        {
          key: "reminded",
          header: t("review.remindedAt"),
          cell: (r) => (r.remindedAt ? formatDateTime(r.remindedAt, locale) : "—"),
        },
      ]}
    />
  );
}

/** A reviewer finishes: 「修正なし」 while it has sent nothing, 「提案を送信して完了」 once it has. */
function FinishReview({ meetingId, review }: { meetingId: string; review: MinutesReview }) {
  const { t, label, locale } = useI18n();
  const toast = useToast();
  const mine = review.reviewers[0];
  const sent = review.suggestions.some((s) => s.org.id === mine?.org.id);
  const answer = useReviewMutation(meetingId, (outcome: "no_change" | "suggested") =>
    api.post(`/minutes-reviews/${review.id}/answer`, { outcome }),
  );
  if (mine?.answer)
    return (
      <Alert tone="success">
        {t("review.finishedOn", {
          when: formatDateTime(mine.answer.answeredAt, locale),
          outcome: label(reviewOutcomeLabels, mine.answer.outcome),
        })}
      </Alert>
    );
  if (!review.abilities.canAnswer) return null;
  const outcome = sent ? "suggested" : "no_change";
  return (
    <Card title={t("review.finishTitle")} id="review-finish">
      <p className="mb-3 text-std-16N-170">{t("review.finishLeadNone")}</p>
      <FormError error={answer.error} />
      <Button
        busy={answer.isPending}
        onClick={() => answer.mutate(outcome, { onSuccess: () => toast.show(t("review.finished")) })}
      >
        {t(sent ? "review.finishSuggested" : "review.finishNoChange")}
      </Button>
    </Card>
  );
}

function ReviewView({ meetingId, review }: { meetingId: string; review: MinutesReview }) {
  const { t, label, locale } = useI18n();
  const toast = useToast();
  const decide = useReviewMutation(meetingId, (v: { id: string; decision: "accepted" | "rejected" }) =>
    api.post(`/minutes-suggestions/${v.id}/decision`, { decision: v.decision }),
  );
  const close = useReviewMutation(meetingId, () => api.post(`/minutes-reviews/${review.id}/close`));
  return (
    <div className="flex flex-col gap-6">
      <p className="text-std-16N-170">
        <Badge tone={review.status === "open" ? "blue" : "green"}>{t(`review.status.${review.status}`)}</Badge>{" "}
        {t("review.deadline")}：{formatDateTime(review.deadline, locale)}　{t("review.orgs")}：
        {review.orgs.map((o) => o.name).join("、")}
      </p>
      {review.abilities.canFollowAnswers && <AnswersTable review={review} />}
      <FormError error={decide.error ?? close.error} />
      <ol className="flex flex-col gap-4" aria-label={t("review.passages")}>
        {review.passages.map((p) => {
          const suggestions = review.suggestions.filter((s) => s.passageId === p.id);
          return (
            <li key={p.id} className="rounded-8 border border-solid-gray-300 p-4">
              {p.speaker && (
                <p className="text-dns-14B-130 text-solid-gray-800">{t("review.speaker", { org: p.speaker.name })}</p>
              )}
              <p className="whitespace-pre-wrap text-std-16N-170">{p.text}</p>
              {suggestions.length > 0 && (
                <section aria-label={t("review.suggestions")} className="mt-3 flex flex-col gap-2">
                  {suggestions.map((s) => (
                    <div key={s.id} className="rounded-8 border-l-4 border-blue-900 bg-blue-50 p-3">
                      <p className="text-dns-14B-130">
                        {t("review.by", { org: s.org.name, user: s.userName })}{" "}
                        <Badge tone={s.status === "accepted" ? "green" : s.status === "rejected" ? "neutral" : "orange"}>
                          {label(suggestionStatusLabels, s.status)}
                        </Badge>
                      </p>
                      <p className="whitespace-pre-wrap text-std-16N-170">{s.text}</p>
                      {s.note && <p className="text-std-16N-170">{s.note}</p>}
                      {s.abilities.canDecide && (
                        <div className="mt-2 flex gap-2">
                          <Button
                            size="sm"
                            aria-label={t("review.acceptNamed", { org: s.org.name })}
                            onClick={() =>
                              decide.mutate(
                                { id: s.id, decision: "accepted" },
                                { onSuccess: () => toast.show(t("review.decided")) },
                              )
                            }
                          >
                            {t("review.accept")}
                          </Button>
                          <Button
                            size="sm"
                            variant="secondary"
                            aria-label={t("review.rejectNamed", { org: s.org.name })}
                            onClick={() =>
                              decide.mutate(
                                { id: s.id, decision: "rejected" },
                                { onSuccess: () => toast.show(t("review.decided")) },
                              )
                            }
                          >
                            {t("review.reject")}
                          </Button>
                        </div>
                      )}
                    </div>
                  ))}
                </section>
              )}
              {p.canSuggest && <SuggestForm meetingId={meetingId} review={review} passage={p} />}
            </li>
          );
        })}
      </ol>
      <FinishReview meetingId={meetingId} review={review} />
      {review.abilities.canClose && (
        <div>
          <Button
            variant="secondary"
            busy={close.isPending}
            onClick={() => close.mutate(undefined, { onSuccess: () => toast.show(t("review.closed")) })}
          >
            {t("review.close")}
          </Button>
        </div>
      )}
    </div>
  );
}

function StartReview({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const form = useZodForm<typeof reviewInput, { deadline: string }>(reviewInput, {
    toInput: (v) => ({ deadline: jstInputToIso(v.deadline) ?? "" }),
    defaultValues: { deadline: "" },
  });
  const start = useReviewMutation(meetingId, (input: z.input<typeof reviewInput>) =>
    api.post(`/meetings/${meetingId}/minutes/review`, input),
  );
  return (
    <Card title={t("review.start")} id="review-start">
      <ZodForm
        form={form}
        error={start.error}
        onValid={(input) => start.mutate(input, { onSuccess: () => toast.show(t("review.started")) })}
        className="flex max-w-xl flex-col gap-4"
      >
        <TextField label={t("review.deadline")} type="datetime-local" required {...form.field("deadline")} />
        <div>
          <Button type="submit" busy={start.isPending}>
            {t("review.start")}
          </Button>
        </div>
      </ZodForm>
    </Card>
  );
}

export function MinutesReviewPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const query = useReview(id);
  return (
    <>
      <PageHeader
        title={t("review.title")}
        description={t("review.lead")}
        actions={
          <Link to={`/meetings/${id}/minutes`} className="link">
            {t("review.back")}
          </Link>
        }
      />
      <QueryState query={query}>
        {(state) => (
          <div className="flex flex-col gap-6">
            {state.abilities.canStart && <StartReview meetingId={id} />}
            {state.current ? (
              <ReviewView meetingId={id} review={state.current} />
            ) : (
              !state.abilities.canStart && <Alert tone="info">{t("review.none")}</Alert>
            )}
          </div>
        )}
      </QueryState>
    </>
  );
}
