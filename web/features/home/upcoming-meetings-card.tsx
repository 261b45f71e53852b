import { Link } from "react-router";
import { attendanceModeLabels } from "../../../shared/api/meetings.js";
import { Badge } from "../../components/badge.js";
import { Card } from "../../components/card.js";
import { QueryState } from "../../components/query-state.js";
import type { Me } from "../../lib/api-types.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { meetingWhen } from "../meetings/format.js";
import { useHomeDue } from "./api.js";

/** Everyone: the next meetings, with my organisation's attendance and the proposal window. */
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
        {({ meetings }) =>
          meetings.length === 0 ? (
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
          )
        }
      </QueryState>
    </Card>
  );
}
