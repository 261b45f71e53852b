import { Link, useParams } from "react-router";
import { meetingKindLabels, meetingKinds } from "../../../shared/api/meetings.js";
import {
  type PlanEntry,
  planEntryInput,
  planEntryTypeLabels,
  planOutcomeLabels,
  type YearPlan,
} from "../../../shared/api/year-plan.js";
import { lastDayOfMonth } from "../../../shared/dates/calendar.js";
import { fiscalYearAt } from "../../../shared/dates/jst.js";
import { Alert, FormError } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Button, buttonClass } from "../../components/button.js";
import { Card } from "../../components/card.js";
import { DataTable } from "../../components/data-table.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { formatDate, formatMonth } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { addPlanEntry, deletePlanEntry, type PlanEntryInput, useCopyPlan, usePlanMutation, useYearPlan } from "./plan-api.js";

const monthsOf = (fy: number) =>
  Array.from({ length: 12 }, (_, i) => {
    const m = ((i + 3) % 12) + 1;
    return `${m >= 4 ? fy : fy + 1}-${String(m).padStart(2, "0")}`;
  });

/** 「令和8年（2026年）6月」 for a whole month, one day as a date, else 「…〜…」. */
function windowText(e: Pick<PlanEntry, "startDate" | "endDate">, locale: "ja" | "en") {
  if (e.startDate === e.endDate) return formatDate(e.startDate, locale, { weekday: true });
  if (e.startDate.endsWith("-01") && e.endDate === lastDayOfMonth(e.startDate.slice(0, 7)))
    return formatMonth(e.startDate, locale);
  return `${formatDate(e.startDate, locale)}〜${formatDate(e.endDate, locale)}`;
}

const outcomeTone = { planned: "neutral", scheduled: "blue", held: "green", missed: "red" } as const;

function Warnings({ entry }: { entry: PlanEntry }) {
  const { t } = useI18n();
  if (!entry.warnings.length) return null;
  return (
    <ul className="flex flex-col gap-1">
      {entry.warnings.map((w) => (
        <li key={`${w.code}-${w.detail}`} className="text-std-16N-170">
          <span aria-hidden="true">⚠ </span>
          {t(`plan.warn.${w.code}`, { detail: w.detail })}
        </li>
      ))}
    </ul>
  );
}

/** Bodies as rows, the twelve months as columns: every planned window listed in the months it touches. */
function Timeline({ plan }: { plan: YearPlan }) {
  const { t, locale } = useI18n();
  const months = monthsOf(plan.fiscalYear);
  const rows = [
    ...plan.bodies.map((b) => ({ key: b.id, name: b.name, entries: plan.entries.filter((e) => e.bodyId === b.id) })),
    { key: "milestones", name: t("plan.milestones"), entries: plan.entries.filter((e) => e.type === "milestone") },
  ];
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
    <section aria-labelledby="plan-timeline" tabIndex={0} className="overflow-x-auto rounded-8 border border-solid-gray-300">
      <table className="w-full min-w-[72rem] table-fixed border-collapse text-dns-14N-130">
        <caption id="plan-timeline" className="px-4 py-3 text-left text-std-16B-170">
          {t("plan.timeline", { year: plan.label })}
        </caption>
        <thead className="bg-solid-gray-50">
          <tr>
            <th scope="col" className="w-48 border border-solid-gray-300 px-2 py-2 text-left">
              {t("plan.body")}
            </th>
            {months.map((m) => (
              <th key={m} scope="col" className="border border-solid-gray-300 px-1 py-2">
                {locale === "ja" ? `${Number(m.slice(5))}月` : formatMonth(m, "en")}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" className="border border-solid-gray-300 px-2 py-2 text-left align-top text-dns-14B-130">
                {r.name}
              </th>
              {months.map((m) => (
                <td key={m} className="border border-solid-gray-300 px-1 py-1 align-top">
                  <ul className="flex flex-col gap-1">
                    {r.entries
                      .filter((e) => e.startDate.slice(0, 7) <= m && e.endDate.slice(0, 7) >= m)
                      .map((e) => (
                        <li
                          key={e.id}
                          className={e.warnings.length ? "rounded-4 border border-warning-yellow-2 bg-yellow-50 px-1" : ""}
                        >
                          {e.startDate === e.endDate && <span>{Number(e.startDate.slice(8))}日 </span>}
                          {e.meeting ? (
                            <Link to={`/meetings/${e.meeting.id}`} className="link">
                              {e.title}
                            </Link>
                          ) : (
                            e.title
                          )}
                          {e.warnings.length > 0 && <span className="text-dns-14B-130"> ⚠{t("plan.notes")}</span>}
                        </li>
                      ))}
                  </ul>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The fields as typed: "" for no body or kind, an empty end for a one-day window. */
interface EntryFields {
  type: "meeting" | "milestone";
  bodyId: string;
  kind: string;
  title: string;
  startDate: string;
  endDate: string;
}

/** The request the fields stand for: a milestone has no body or kind, an empty end is the start day. */
const toInput = (v: EntryFields) => {
  const meeting = v.type === "meeting";
  return {
    type: v.type,
    bodyId: meeting ? v.bodyId || null : null,
    kind: meeting && v.kind ? v.kind : null,
    title: v.title,
    startDate: v.startDate,
    endDate: v.endDate || v.startDate,
  };
};

function AddEntryForm({ plan }: { plan: YearPlan }) {
  const { t, label } = useI18n();
  const toast = useToast();
  const planBodies = plan.bodies.filter((b) => b.canPlan);
  const empty: EntryFields = {
    type: planBodies.length ? "meeting" : "milestone",
    bodyId: "",
    kind: "",
    title: "",
    startDate: "",
    endDate: "",
  };
  const form = useZodForm<typeof planEntryInput, EntryFields>(planEntryInput, { toInput, defaultValues: empty });
  const type = form.watch("type");
  const add = usePlanMutation(plan.fiscalYear, (input: PlanEntryInput) => addPlanEntry(plan.fiscalYear, input));
  const types = [...(planBodies.length ? ["meeting"] : []), ...(plan.abilities.canEditMilestones ? ["milestone"] : [])] as (
    | "meeting"
    | "milestone"
  )[];
  return (
    <Card title={t("plan.add")} id="plan-add">
      <ZodForm
        form={form}
        error={add.error}
        onValid={(input) =>
          add.mutate(input, {
            onSuccess: () => {
              toast.show(t("plan.added"));
              form.reset({ ...empty, type: input.type, bodyId: input.bodyId ?? "" });
            },
          })
        }
        className="flex max-w-3xl flex-col gap-4"
      >
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <SelectField
            label={t("plan.type")}
            required
            {...form.field("type")}
            options={types.map((k) => ({ value: k, label: label(planEntryTypeLabels, k) }))}
          />
          {type === "meeting" && (
            <SelectField
              label={t("plan.body")}
              required
              {...form.field("bodyId")}
              options={[{ value: "", label: t("form.select") }, ...planBodies.map((b) => ({ value: b.id, label: b.name }))]}
            />
          )}
          <TextField label={t("plan.titleField")} required {...form.field("title")} />
          {type === "meeting" && (
            <SelectField
              label={t("plan.kindOptional")}
              {...form.field("kind")}
              options={[
                { value: "", label: "—" },
                ...meetingKinds.map((k) => ({ value: k, label: label(meetingKindLabels, k) })),
              ]}
            />
          )}
          <TextField label={t("plan.start")} type="date" required hint={t("plan.windowHint")} {...form.field("startDate")} />
          <TextField label={t("plan.end")} type="date" {...form.field("endDate")} />
        </div>
        <div>
          <Button type="submit" busy={add.isPending}>
            {t("plan.add")}
          </Button>
        </div>
      </ZodForm>
    </Card>
  );
}

function PlanView({ plan }: { plan: YearPlan }) {
  const { t, label, locale } = useI18n();
  const toast = useToast();
  const copy = useCopyPlan(plan.fiscalYear);
  const remove = usePlanMutation(plan.fiscalYear, (id: string) => deletePlanEntry(id));
  const flagged = plan.entries.filter((e) => e.warnings.length);
  const canAdd = plan.abilities.canEditMilestones || plan.bodies.some((b) => b.canPlan);
  return (
    <div className="flex flex-col gap-6">
      <p className="text-std-16N-170">{t("plan.summary", plan.summary)}</p>
      <div className="flex flex-wrap gap-3 print:hidden">
        <a className={buttonClass("secondary", "sm")} href={`/api/year-plans/${plan.fiscalYear}/plan.xlsx`} download>
          {t("plan.xlsx")}
        </a>
        <a className={buttonClass("secondary", "sm")} href={`/api/year-plans/${plan.fiscalYear}/plan.pdf`} download>
          {t("plan.pdf")}
        </a>
        <Button variant="secondary" size="sm" onClick={() => window.print()}>
          {t("plan.print")}
        </Button>
        {plan.abilities.canCopy && plan.entries.length === 0 && (
          <Button
            variant="secondary"
            size="sm"
            busy={copy.isPending}
            onClick={() => copy.mutate(undefined, { onSuccess: (r) => toast.show(t("plan.copied", { n: r.copied })) })}
          >
            {t("plan.copy")}
          </Button>
        )}
      </div>
      {copy.error && <FormError error={copy.error} />}
      {remove.error && <FormError error={remove.error} />}
      {flagged.length > 0 && (
        <Alert tone="warning" title={t("plan.warnings")}>
          <ul className="flex flex-col gap-2">
            {flagged.map((e) => (
              <li key={e.id}>
                <span className="text-std-16B-170">
                  {e.bodyName}　{e.title}（{windowText(e, locale)}）
                </span>
                <Warnings entry={e} />
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <Timeline plan={plan} />
      <DataTable
        caption={t("plan.entries")}
        rows={plan.entries}
        rowKey={(e) => e.id}
        empty={t("plan.empty")}
        columns={[
          { key: "when", header: t("plan.when"), cell: (e) => windowText(e, locale) },
          { key: "body", header: t("plan.body"), cell: (e) => e.bodyName ?? label(planEntryTypeLabels, e.type) },
          { key: "title", header: t("plan.titleField"), cell: (e) => e.title },
          {
            key: "outcome",
            header: t("plan.outcome"),
            cell: (e) =>
              e.outcome && (
                <div className="flex flex-col gap-1">
                  <Badge tone={outcomeTone[e.outcome]}>{label(planOutcomeLabels, e.outcome)}</Badge>
                  {e.meeting && (
                    <Link to={`/meetings/${e.meeting.id}`} className="link">
                      {e.meeting.name}
                    </Link>
                  )}
                </div>
              ),
          },
          { key: "notes", header: t("plan.notes"), cell: (e) => <Warnings entry={e} /> },
          {
            key: "actions",
            header: t("plan.actions"),
            cell: (e) =>
              e.abilities.canEdit && (
                <Button
                  variant="text"
                  size="sm"
                  aria-label={t("plan.deleteNamed", { title: e.title })}
                  onClick={() => remove.mutate(e.id, { onSuccess: () => toast.show(t("plan.deleted")) })}
                >
                  {t("plan.delete")}
                </Button>
              ),
          },
        ]}
      />
      <DataTable
        caption={t("plan.unplanned")}
        rows={plan.unplanned}
        rowKey={(m) => m.id}
        empty={t("plan.noUnplanned")}
        columns={[
          { key: "when", header: t("plan.when"), cell: (m) => formatDate(m.startsAt, locale) },
          { key: "body", header: t("plan.body"), cell: (m) => m.bodyName },
          {
            key: "meeting",
            header: t("plan.meeting"),
            cell: (m) => (
              <Link to={`/meetings/${m.id}`} className="link">
                {m.name}
              </Link>
            ),
          },
        ]}
      />
      {canAdd && (
        <div className="print:hidden">
          <AddEntryForm key={plan.fiscalYear} plan={plan} />
        </div>
      )}
    </div>
  );
}

export function YearPlanPage() {
  const { t } = useI18n();
  const params = useParams();
  const fy = Number(params.fy) || fiscalYearAt();
  const query = useYearPlan(fy);
  const yearLabel = query.data?.label ?? String(fy);
  return (
    <>
      <PageHeader
        title={t("plan.title", { year: yearLabel })}
        description={t("plan.lead")}
        actions={
          <div className="flex gap-2 print:hidden">
            <Link className={buttonClass("secondary", "sm")} to={`/year-plan/${fy - 1}`}>
              {t("plan.prev")}
            </Link>
            <Link className={buttonClass("secondary", "sm")} to={`/year-plan/${fy + 1}`}>
              {t("plan.next")}
            </Link>
          </div>
        }
      />
      <QueryState query={query}>{(plan) => <PlanView plan={plan} />}</QueryState>
    </>
  );
}
