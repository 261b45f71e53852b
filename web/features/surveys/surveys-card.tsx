import "./messages.js";
import { Link } from "react-router";
import { answerStatusLabels } from "../../../shared/api/surveys.js";
import { Badge } from "../../components/badge.js";
import { Card } from "../../components/card.js";
import { QueryState } from "../../components/query-state.js";
import type { Me } from "../../lib/api-types.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useSurveys } from "./api.js";
import { answerTone } from "./format.js";

/**
 * Home page: for a municipality, the open surveys it has not submitted yet (nearest deadline first);
 * for the secretariat, the open surveys with how many have answered.
 */
export function SurveysCard({ headingId }: { me: Me; headingId: string }) {
  const { t, label, locale } = useI18n();
  const query = useSurveys({ status: "published" });
  return (
    <Card
      id={headingId}
      title={t("surveys.homeTitle")}
      actions={
        <Link className="link" to="/surveys">
          {t("surveys.homeAll")}
        </Link>
      }
    >
      <QueryState query={query}>
        {(d) => {
          const rows = d.items
            .filter((s) => (s.myAnswer ? s.myAnswer.status !== "submitted" : d.canCreate))
            .sort((a, b) =>
              (a.myAnswer?.deadlineAt ?? a.deadlineAt ?? "").localeCompare(b.myAnswer?.deadlineAt ?? b.deadlineAt ?? ""),
            )
            .slice(0, 5);
          if (!rows.length) return <p>{t("surveys.homeNone")}</p>;
          return (
            <ul className="flex flex-col gap-3">
              {rows.map((s) => (
                <li key={s.id} className="flex flex-col gap-1">
                  <Link className="link text-std-16B-170" to={`/surveys/${s.id}`}>
                    {s.title}
                  </Link>
                  <span className="flex flex-wrap items-center gap-2 text-dns-14N-130 text-solid-gray-700">
                    {s.myAnswer ? (
                      <Badge tone={answerTone(s.myAnswer.status)}>{label(answerStatusLabels, s.myAnswer.status)}</Badge>
                    ) : (
                      t("surveys.submittedOf", { n: s.submittedCount ?? 0, total: s.targetCount })
                    )}
                    {t("surveys.homeDeadline", { at: formatDateTime(s.myAnswer?.deadlineAt ?? s.deadlineAt, locale) })}
                  </span>
                </li>
              ))}
            </ul>
          );
        }}
      </QueryState>
    </Card>
  );
}
