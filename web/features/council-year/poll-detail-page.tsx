import { Controller } from "react-hook-form";
import { Link, useParams } from "react-router";
import {
  type PollDetail,
  pollAnswerInput,
  pollChoiceLabels,
  pollChoices,
  pollStatusLabels,
} from "../../../shared/api/date-polls.js";
import { meetingKindLabels } from "../../../shared/api/meetings.js";
import { Alert, FormError } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Button, ButtonLink } from "../../components/button.js";
import { Card } from "../../components/card.js";
import { DescriptionList } from "../../components/description-list.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { TextAreaField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { RadioGroup } from "../../components/radio-group.js";
import { useToast } from "../../components/toast.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { meetingWhen } from "../meetings/format.js";
import { useAnswerPoll, useDecidePoll, usePoll } from "./poll-api.js";

type Row = PollDetail["rows"][number];

/** Organisations as rows, candidate dates as columns, ○/△/× in the cells and the tallies at the foot. */
function Results({ poll }: { poll: PollDetail }) {
  const { t, label, locale } = useI18n();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
    <section aria-labelledby="poll-results" tabIndex={0} className="overflow-x-auto rounded-8 border border-solid-gray-300">
      <table className="w-full border-collapse text-left text-dns-16N-130">
        <caption id="poll-results" className="px-4 py-3 text-left text-std-16B-170">
          {t("poll.results")}
        </caption>
        <thead className="bg-solid-gray-50">
          <tr>
            <th scope="col" className="border-b border-solid-gray-420 px-3 py-2">
              {t("poll.org")}
            </th>
            {poll.candidates.map((c) => (
              <th key={c.id} scope="col" className="border-b border-solid-gray-420 px-3 py-2">
                {meetingWhen(c, locale)}
                {poll.chosenCandidateId === c.id && (
                  <>
                    {" "}
                    <Badge tone="green">{t("poll.chosen")}</Badge>
                  </>
                )}
              </th>
            ))}
            <th scope="col" className="border-b border-solid-gray-420 px-3 py-2">
              {t("poll.comment")}
            </th>
          </tr>
        </thead>
        <tbody>
          {poll.rows.map((r) => (
            <tr key={r.org.id} className="border-b border-solid-gray-200">
              <th scope="row" className="px-3 py-2 text-dns-16B-130">
                {r.org.name}
              </th>
              {poll.candidates.map((c) => {
                const choice = r.choices[c.id];
                return (
                  <td key={c.id} className="px-3 py-2">
                    {choice ? (
                      label(pollChoiceLabels, choice)
                    ) : (
                      <span className="text-solid-gray-600">{t("poll.notAnswered")}</span>
                    )}
                  </td>
                );
              })}
              <td className="px-3 py-2">{r.comment}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="bg-solid-gray-50">
          <tr>
            <th scope="row" className="px-3 py-2">
              {t("poll.total")}
            </th>
            {poll.candidates.map((c) => (
              <td key={c.id} className="px-3 py-2 text-dns-16B-130">
                {t("poll.tally", c.tally)}
              </td>
            ))}
            <td />
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

function AnswerForm({ poll, row }: { poll: PollDetail; row: Row }) {
  const { t, label, locale } = useI18n();
  const toast = useToast();
  const answer = useAnswerPoll(poll.id, row.org.id);
  const form = useZodForm(pollAnswerInput, { defaultValues: { choices: row.choices, comment: row.comment } });
  return (
    <Card title={t("poll.answerTitle", { org: row.org.name })} id="poll-answer">
      <ZodForm
        form={form}
        error={answer.error}
        onValid={(input) => answer.mutate(input, { onSuccess: () => toast.show(t("poll.answered")) })}
        className="flex flex-col gap-4"
      >
        <p className="text-std-16N-170">{t("poll.answerLead")}</p>
        {poll.candidates.map((c) => (
          <div key={c.id}>
            <Controller
              control={form.control}
              name={`choices.${c.id}`}
              render={({ field }) => (
                <RadioGroup
                  legend={meetingWhen(c, locale)}
                  name={`choice-${c.id}`}
                  inline
                  value={field.value ?? null}
                  onChange={field.onChange}
                  options={pollChoices.map((k) => ({ value: k, label: label(pollChoiceLabels, k) }))}
                />
              )}
            />
            {form.errorOf(`choices.${c.id}`) && (
              <p className="text-std-16N-170 text-error-2">{form.errorOf(`choices.${c.id}`)}</p>
            )}
          </div>
        ))}
        <TextAreaField label={t("poll.commentOptional")} rows={2} {...form.field("comment")} />
        <div>
          <Button type="submit" busy={answer.isPending}>
            {t("poll.submit")}
          </Button>
        </div>
      </ZodForm>
    </Card>
  );
}

function PollView({ poll }: { poll: PollDetail }) {
  const { t, label, locale } = useI18n();
  const toast = useToast();
  const decide = useDecidePoll(poll.id);
  const mine = poll.rows.find((r) => r.canAnswer && !poll.abilities.canManage) ?? null;
  const chosen = poll.candidates.find((c) => c.id === poll.chosenCandidateId);
  return (
    <div className="flex flex-col gap-6">
      <DescriptionList
        items={[
          { key: "body", term: t("poll.body"), value: poll.bodyName },
          { key: "status", term: t("poll.status"), value: label(pollStatusLabels, poll.status) },
          { key: "deadline", term: t("poll.deadline"), value: formatDateTime(poll.deadline, locale) },
          { key: "kind", term: t("poll.kind"), value: label(meetingKindLabels, poll.kind) },
          { key: "place", term: t("poll.place"), value: poll.place || "—" },
          { key: "progress", term: t("poll.progress"), value: t("poll.answeredOf", { n: poll.answered, total: poll.total }) },
          ...(poll.description ? [{ key: "description", term: t("poll.description"), value: poll.description }] : []),
        ]}
      />
      {chosen && (
        <Alert tone="success" title={t("poll.decidedOn", { when: meetingWhen(chosen, locale) })}>
          {poll.meetingId && (
            <Link to={`/meetings/${poll.meetingId}`} className="link">
              {t("poll.openMeeting")}
            </Link>
          )}
        </Alert>
      )}
      {!poll.accepting && !chosen && <Alert tone="info">{t("poll.closed")}</Alert>}
      <Results poll={poll} />
      {mine && <AnswerForm key={mine.answeredAt ?? "new"} poll={poll} row={mine} />}
      {poll.abilities.canDecide && (
        <Card title={t("poll.candidates")} id="poll-decide">
          <FormError error={decide.error} />
          <ul className="flex flex-col gap-2">
            {poll.candidates.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-3">
                <span>
                  {meetingWhen(c, locale)}（{t("poll.tally", c.tally)}）
                </span>
                <Button
                  variant="secondary"
                  size="sm"
                  busy={decide.isPending}
                  onClick={() => decide.mutate(c.id, { onSuccess: () => toast.show(t("poll.decided")) })}
                >
                  {t("poll.decide", { when: meetingWhen(c, locale) })}
                </Button>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}

export function PollDetailPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const query = usePoll(id);
  return (
    <>
      <PageHeader
        title={query.data?.title ?? t("poll.title")}
        breadcrumbs={[{ label: t("poll.title"), to: "/date-polls" }]}
        actions={
          query.data?.meetingId && (
            <ButtonLink to={`/meetings/${query.data.meetingId}`} variant="secondary" size="sm">
              {t("poll.openMeeting")}
            </ButtonLink>
          )
        }
      />
      <QueryState query={query}>{(poll) => <PollView poll={poll} />}</QueryState>
    </>
  );
}
