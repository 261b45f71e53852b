import { Link } from "react-router";
import { Card } from "../../components/card.js";
import { QueryState } from "../../components/query-state.js";
import type { Me } from "../../lib/api-types.js";
import { formatDate, jstToday } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useHomeDue } from "./api.js";

/** A specialist: the open next steps of the engagements they work on, dated ones first. */
export function NextStepsCard({ headingId }: { me: Me; headingId: string }) {
  const { t, locale } = useI18n();
  const due = useHomeDue();
  const today = jstToday();
  return (
    <Card
      id={headingId}
      title={t("home.nextSteps")}
      actions={
        <Link to="/support" className="link">
          {t("nav.support")}
        </Link>
      }
    >
      <QueryState query={due}>
        {({ nextSteps }) =>
          nextSteps.length === 0 ? (
            <p>{t("home.noNextSteps")}</p>
          ) : (
            <ul className="divide-y divide-solid-gray-200">
              {nextSteps.map((s) => (
                <li key={s.id} className="flex flex-col gap-1 py-2">
                  <Link to={`/support/${s.engagementId}`} className="link">
                    {s.title}
                  </Link>
                  <span className="flex flex-wrap gap-x-2 text-dns-14N-130">
                    <span>
                      {s.org.name}・{s.theme}・{s.owner}
                    </span>
                    {s.dueDate ? (
                      <strong className={s.dueDate < today ? "text-error-2" : ""}>
                        {t("desk.dueOn", { date: formatDate(s.dueDate, locale) })}
                      </strong>
                    ) : (
                      <span>{t("home.noDue")}</span>
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
