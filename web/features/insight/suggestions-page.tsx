import { useState } from "react";
import { Link, useParams } from "react-router";
import { dismissInput, type Suggestion, suggestionKindLabels } from "../../../shared/api/insight.js";
import { Alert, FormError } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Button, ButtonLink } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { TextAreaField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useAccept, useDismiss, useSuggestions } from "./api.js";

/** A meeting's agenda suggestions, ranked, each with its evidence; propose one or dismiss it with a reason. */
export function SuggestionsPage() {
  const { id = "" } = useParams();
  const { t, locale } = useI18n();
  const query = useSuggestions(id);
  return (
    <QueryState query={query}>
      {(data) => (
        <>
          <PageHeader
            title={t("insight.suggestionsFor", { name: data.meeting.name })}
            description={t("insight.lead")}
            breadcrumbs={[{ label: t("insight.title"), to: "/insight" }, { label: data.meeting.name }]}
            actions={
              <div className="flex flex-wrap gap-2">
                <ButtonLink to={`/meetings/${data.meeting.id}`}>{t("insight.toMeeting")}</ButtonLink>
                <ButtonLink to="/insight/rules">{t("insight.rulesLink")}</ButtonLink>
              </div>
            }
          />
          {data.items.length === 0 ? (
            <Alert>{t("insight.empty")}</Alert>
          ) : (
            <ol className="flex flex-col gap-4" aria-label={t("insight.title")}>
              {data.items.map((s, i) => (
                <SuggestionCard key={s.key} meetingId={data.meeting.id} rank={i + 1} s={s} />
              ))}
            </ol>
          )}
          <h2 className="mt-8 text-std-20B-150">{t("insight.decisions")}</h2>
          <DataTable
            caption={t("insight.decisions")}
            hideCaption
            rows={data.decisions}
            rowKey={(d) => d.key}
            empty="—"
            columns={[
              { key: "title", header: t("insight.candidateCol"), cell: (d) => d.title },
              {
                key: "decision",
                header: t("insight.decisionCol"),
                cell: (d) => (
                  <Badge tone={d.decision === "accepted" ? "green" : "neutral"}>{t(`insight.decision.${d.decision}`)}</Badge>
                ),
              },
              { key: "reason", header: t("insight.reasonCol"), cell: (d) => d.reason ?? "" },
              { key: "at", header: t("insight.dateCol"), cell: (d) => formatDateTime(d.decidedAt, locale) },
            ]}
          />
        </>
      )}
    </QueryState>
  );
}

function SuggestionCard({ meetingId, rank, s }: { meetingId: string; rank: number; s: Suggestion }) {
  const { t, label } = useI18n();
  const toast = useToast();
  const accept = useAccept(meetingId);
  const [dismissing, setDismissing] = useState(false);
  const headingId = `suggestion-${rank}`;
  return (
    <li>
      <article aria-labelledby={headingId} className="flex flex-col gap-3 rounded-12 border border-solid-gray-300 bg-white p-5">
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-std-16B-170">{t("insight.rank", { n: rank })}</span>
          <Badge tone="blue">{label(suggestionKindLabels, s.kind)}</Badge>
          <Badge>{t("insight.score", { score: s.score })}</Badge>
          {s.changedSinceDismissed && <Badge tone="orange">{t("insight.changed")}</Badge>}
        </div>
        <h2 id={headingId} className="text-std-20B-150">
          {s.title}
        </h2>
        <div>
          <h3 className="text-std-16B-170">{t("insight.evidence")}</h3>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            {s.counts.map((c) => (
              <div key={c.label} className="contents">
                <dt>{c.label}</dt>
                <dd className="font-bold">{c.value}</dd>
              </div>
            ))}
          </dl>
          <p className="text-std-16N-170">
            {t("insight.scoreHow")}：{s.scoreNote}
          </p>
        </div>
        {s.towns.length > 0 && (
          <p>
            <span className="text-std-16B-170">{t("insight.towns")}：</span>
            {s.towns.join("、")}
          </p>
        )}
        <div>
          <h3 className="text-std-16B-170">{t("insight.links")}</h3>
          <ul className="list-disc pl-6">
            {s.links.map((l) => (
              <li key={`${l.href}:${l.label}`}>
                <Link to={l.href} className="link">
                  {l.label}
                </Link>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="text-std-16B-170">{t("insight.purpose")}</h3>
          <p>{s.purpose}</p>
        </div>
        <FormError error={accept.error} />
        <div className="flex flex-wrap gap-2">
          <Button
            busy={accept.isPending}
            onClick={() =>
              accept.mutate(
                { key: s.key },
                {
                  onSuccess: () => toast.show(t("insight.accepted"), "success"),
                },
              )
            }
          >
            {t("insight.accept")}
          </Button>
          {!dismissing && (
            <Button variant="secondary" onClick={() => setDismissing(true)}>
              {t("insight.dismiss")}
            </Button>
          )}
        </div>
        {dismissing && <DismissForm meetingId={meetingId} s={s} onDone={() => setDismissing(false)} />}
      </article>
    </li>
  );
}

function DismissForm({ meetingId, s, onDone }: { meetingId: string; s: Suggestion; onDone: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const dismiss = useDismiss(meetingId);
  const form = useZodForm(dismissInput, {
    defaultValues: { key: s.key, reason: "" },
  });
  return (
    <ZodForm
      form={form}
      error={dismiss.error}
      onValid={(v) =>
        dismiss.mutate(v, {
          onSuccess: () => {
            toast.show(t("insight.dismissed"), "success");
            onDone();
          },
        })
      }
      className="flex flex-col gap-3"
    >
      <TextAreaField
        label={t("insight.dismissReason")}
        hint={t("insight.dismissHint")}
        required
        rows={2}
        {...form.field("reason")}
      />
      <div className="flex gap-2">
        <Button type="submit" busy={dismiss.isPending}>
          {t("insight.dismissSubmit")}
        </Button>
        <Button type="button" variant="text" onClick={onDone}>
          {t("insight.cancel")}
        </Button>
      </div>
    </ZodForm>
  );
}
