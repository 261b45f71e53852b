import { useState } from "react";
import { Link } from "react-router";
import { meetingKindLabels, meetingStatusLabels } from "../../../shared/api/meetings.js";
import { useMe } from "../../app/session.js";
import { Badge } from "../../components/badge.js";
import { Button, ButtonLink } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { RadioGroup } from "../../components/radio-group.js";
import { formatMonth, jstToday } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { BodyFilterField, useBodyFilter } from "../bodies/body-filter.js";
import { useMeetings } from "./api.js";
import { CalendarFeedCard } from "./calendar-feed.js";
import { meetingWhen, statusTone } from "./format.js";
import { MonthView } from "./month-view.js";

const shift = (month: string, n: number) => {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 7);
};
const lastDay = (month: string) => shift(month, 1).concat("-01");

export function MeetingListPage() {
  const { t, label, locale } = useI18n();
  const me = useMe();
  const [view, setView] = useState<"list" | "month">("list");
  const [month, setMonth] = useState(jstToday().slice(0, 7));
  const [bodyId, setBodyId] = useBodyFilter();
  const body = bodyId ? { bodyId } : {};
  const query = useMeetings(view === "month" ? { ...body, from: `${month}-01`, to: lastDay(month) } : body);
  const monthLabel = formatMonth(month, locale);
  return (
    <>
      <PageHeader
        title={t("meetings.title")}
        description={t("meetings.lead")}
        actions={
          <>
            <ButtonLink to="/decisions" variant="secondary">
              {t("decisions.link")}
            </ButtonLink>
            {me.abilities.manageBodies && (
              <ButtonLink to="/meetings/new" variant="primary">
                {t("meetings.create")}
              </ButtonLink>
            )}
          </>
        }
      />
      <div className="mb-4 flex flex-wrap items-end gap-6">
        <BodyFilterField value={bodyId} onChange={setBodyId} />
        <RadioGroup
          legend={t("meetings.view")}
          name="view"
          inline
          value={view}
          onChange={setView}
          options={[
            { value: "list", label: t("meetings.list") },
            { value: "month", label: t("meetings.month") },
          ]}
        />
        {view === "month" && (
          <div className="flex items-center gap-3">
            <Button variant="secondary" size="sm" onClick={() => setMonth(shift(month, -1))}>
              {t("meetings.prevMonth")}
            </Button>
            <span className="text-std-18B-160" aria-live="polite">
              {monthLabel}
            </span>
            <Button variant="secondary" size="sm" onClick={() => setMonth(shift(month, 1))}>
              {t("meetings.nextMonth")}
            </Button>
          </div>
        )}
      </div>
      <QueryState query={query}>
        {(data) =>
          view === "month" ? (
            <MonthView month={month} meetings={data.items} caption={t("meetings.monthCaption", { month: monthLabel })} />
          ) : (
            <DataTable
              caption={t("meetings.title")}
              hideCaption
              rows={data.items}
              rowKey={(m) => m.id}
              empty={t("meetings.empty")}
              columns={[
                { key: "when", header: t("meetings.when"), cell: (m) => meetingWhen(m, locale) },
                {
                  key: "name",
                  header: t("meetings.name"),
                  cell: (m) => (
                    <Link to={`/meetings/${m.id}`} className="link">
                      {m.name}
                    </Link>
                  ),
                },
                { key: "kind", header: t("meetings.kind"), cell: (m) => label(meetingKindLabels, m.kind) },
                {
                  key: "status",
                  header: t("meetings.status"),
                  cell: (m) => <Badge tone={statusTone(m.status)}>{label(meetingStatusLabels, m.status)}</Badge>,
                },
              ]}
            />
          )
        }
      </QueryState>
      <div className="mt-8">
        <CalendarFeedCard />
      </div>
    </>
  );
}
