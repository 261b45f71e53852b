import { Link } from "react-router";
import { pollStatusLabels } from "../../../shared/api/date-polls.js";
import { useMe } from "../../app/session.js";
import { Badge } from "../../components/badge.js";
import { ButtonLink } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { usePolls } from "./poll-api.js";

export function PollListPage() {
  const { t, label, locale } = useI18n();
  const me = useMe();
  const query = usePolls();
  return (
    <>
      <PageHeader
        title={t("poll.title")}
        description={t("poll.lead")}
        actions={
          me.abilities.manageBodies && (
            <ButtonLink to="/date-polls/new" variant="primary">
              {t("poll.create")}
            </ButtonLink>
          )
        }
      />
      <QueryState query={query}>
        {(data) => (
          <DataTable
            caption={t("poll.title")}
            hideCaption
            rows={data.items}
            rowKey={(p) => p.id}
            empty={t("poll.empty")}
            columns={[
              {
                key: "title",
                header: t("poll.name"),
                cell: (p) => (
                  <Link to={`/date-polls/${p.id}`} className="link">
                    {p.title}
                  </Link>
                ),
              },
              { key: "body", header: t("poll.body"), cell: (p) => p.bodyName },
              { key: "deadline", header: t("poll.deadline"), cell: (p) => formatDateTime(p.deadline, locale) },
              {
                key: "status",
                header: t("poll.status"),
                cell: (p) => <Badge tone={p.status === "decided" ? "green" : "blue"}>{label(pollStatusLabels, p.status)}</Badge>,
              },
              {
                key: "progress",
                header: t("poll.progress"),
                cell: (p) => (
                  <div className="flex flex-col gap-1">
                    <span>{t("poll.answeredOf", { n: p.answered, total: p.total })}</span>
                    {p.mine !== "notAsked" && (
                      <Badge tone={p.mine === "answered" ? "green" : "orange"}>{t(`poll.mine.${p.mine}`)}</Badge>
                    )}
                  </div>
                ),
              },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
