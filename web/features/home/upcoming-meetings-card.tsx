import { Link } from "react-router";
import type { HomeDue } from "../../../shared/api/home.js";
import { attendanceModeLabels } from "../../../shared/api/meetings.js";
import { Badge } from "../../components/badge.js";
import { Card } from "../../components/card.js";
import { QueryState } from "../../components/query-state.js";
import type { Me } from "../../lib/api-types.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { meetingWhen } from "../meetings/format.js";
import { useHomeDue } from "./api.js";

/** Date polls and minutes reviews my organisation is asked to answer, earliest deadline first. */
function Deadlines({ items }: { items: HomeDue["deadlines"] }) {
  const { t, locale } = useI18n();
  if (!items.length) return null;
  return (
    <section aria-labelledby="home-deadlines" className="mt-4">
      <h3 id="home-deadlines" className="text-std-18B-160">
        {t("home.deadlines")}
      </h3>
      <ul className="divide-y divide-solid-gray-200">
        {items.map((d) => (
          <li key={d.link} className="flex flex-col gap-1 py-2">
            <Link to={d.link} className="link text-std-16B-170">
              {d.title}
            </Link>
            <span className="flex flex-wrap items-center gap-2 text-dns-14N-130">
              <Badge tone="orange">{t(`home.deadline.${d.kind}`)}</Badge>
              <span>{t("home.deadlineBy", { when: formatDateTime(d.deadline, locale) })}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Everyone: the next meetings, with my organisation's attendance and the proposal window; then what waits for its answer. */
export function UpcomingMeetingsCard({ headingId }: { me: Me; headingId: string }) {
  const { t, label, locale } = useI18n();
  const due = useHomeDue();
  return (
    <Card
      id={headingId}
      title={t("home.meetings")}
      actions={
        <Link to="/meetings" className="link">
          {t("home.allMeetings")}
        </Link>
      }
    >
      <QueryState query={due}>
        {({ meetings, deadlines }) => (
          <>
            {meetings.length === 0 ? (
              <p>{t("home.noMeetings")}</p>
            ) : (
              <ul className="divide-y divide-solid-gray-200">
                {meetings.map((m) => (
                  <li key={m.id} className="flex flex-col gap-1 py-2">
                    <Link to={`/meetings/${m.id}`} className="link text-std-16B-170">
                      {m.name}
                    </Link>
                    <span className="text-dns-14N-130">{meetingWhen(m, locale)}</span>
                    <span className="flex flex-wrap items-center gap-2 text-dns-14N-130">
                      {m.myAttendance === "unanswered" ? (
                        <Badge tone="orange">{t("home.attendanceMine", { answer: t("attendance.unanswered") })}</Badge>
                      ) : m.myAttendance ? (
                        <Badge tone="green">
                          {t("home.attendanceMine", { answer: label(attendanceModeLabels, m.myAttendance) })}
                        </Badge>
                      ) : null}
                      {m.myAttendance &&
                        (m.attendanceOpen ? (
                          <span>{t("home.attendanceDue", { when: formatDateTime(m.attendanceDeadline, locale) })}</span>
                        ) : (
                          <span>{t("home.attendanceClosed")}</span>
                        ))}
                      {m.proposalOpen && m.proposalDeadline && (
                        <span>{t("home.proposalDue", { when: formatDateTime(m.proposalDeadline, locale) })}</span>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            <Deadlines items={deadlines} />
          </>
        )}
      </QueryState>
    </Card>
  );
}
