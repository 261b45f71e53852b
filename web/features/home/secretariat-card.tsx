import { Link } from "react-router";
import { Card } from "../../components/card.js";
import { QueryState } from "../../components/query-state.js";
import type { Me } from "../../lib/api-types.js";
import { formatDate, formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useHomeDue } from "./api.js";

/** The council secretariat: proposals to decide, attendance still unanswered, overdue actions by town. */
export function SecretariatCard({ headingId }: { me: Me; headingId: string }) {
  const { t, locale } = useI18n();
  const due = useHomeDue();
  return (
    <Card id={headingId} title={t("home.secretariat")}>
      <QueryState query={due}>
        {({ secretariat: s }) =>
          s && (
            <div className="grid grid-cols-1 gap-6 md:grid-cols-3">
              <section aria-labelledby={`${headingId}-proposals`} className="flex flex-col gap-2">
                <h3 id={`${headingId}-proposals`} className="text-std-18B-160">
                  {t("home.proposals")}
                </h3>
                {s.proposals.length === 0 ? (
                  <p>{t("home.noProposals")}</p>
                ) : (
                  <ul className="flex flex-col gap-2">
                    {s.proposals.map((p) => (
                      <li key={p.id} className="flex flex-col">
                        <Link to={`/meetings/${p.meetingId}`} className="link">
                          {p.title}
                        </Link>
                        <span className="text-dns-14N-130 text-solid-gray-700">
                          {t("home.proposalFrom", { org: p.org?.name ?? "", when: formatDateTime(p.createdAt, locale) })}
                        </span>
                        <span className="text-dns-14N-130 text-solid-gray-700">{p.meetingName}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              <section aria-labelledby={`${headingId}-attendance`} className="flex flex-col gap-2">
                <h3 id={`${headingId}-attendance`} className="text-std-18B-160">
                  {t("home.unansweredAttendance")}
                </h3>
                {s.attendance.length === 0 ? (
                  <p>{t("home.noUnanswered")}</p>
                ) : (
                  <ul className="flex flex-col gap-2">
                    {s.attendance.map((a) => (
                      <li key={a.meetingId} className="flex flex-col">
                        <Link to={`/meetings/${a.meetingId}`} className="link">
                          {a.meetingName}
                        </Link>
                        <span className="text-dns-14N-130">
                          {formatDate(a.startsAt, locale)}・{t("home.unansweredCount", { n: a.unanswered, total: a.total })}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              <section aria-labelledby={`${headingId}-actions`} className="flex flex-col gap-2">
                <h3 id={`${headingId}-actions`} className="text-std-18B-160">
                  {t("home.overdueActions")}
                </h3>
                {s.overdueActions.length === 0 ? (
                  <p>{t("home.noOverdue")}</p>
                ) : (
                  <ul className="flex flex-col gap-1">
                    {s.overdueActions.map((o) => (
                      <li key={o.org.id} className="flex flex-wrap gap-x-2">
                        <Link to={`/orgs/${o.org.id}`} className="link">
                          {o.org.name}
                        </Link>
                        <span className="text-dns-14N-130">
                          {t("home.overdueCount", { n: o.count, date: formatDate(o.oldestDue, locale) })}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            </div>
          )
        }
      </QueryState>
    </Card>
  );
}
