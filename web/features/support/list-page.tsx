import { Link } from "react-router";
import { engagementStatusLabels } from "../../../shared/api/support.js";
import { Badge } from "../../components/badge.js";
import { ButtonLink } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { type EngagementList, useEngagements } from "./api.js";

type Row = EngagementList["items"][number];

/** Engagements: the municipality sees its own; prefecture staff see all. */
export function SupportListPage() {
  const { t, label, locale } = useI18n();
  const list = useEngagements({});
  return (
    <>
      <PageHeader
        title={t("support.title")}
        description={t("support.lead")}
        actions={
          <>
            {list.data?.abilities.canCreate && (
              <ButtonLink to="/support/new" variant="primary">
                {t("support.new")}
              </ButtonLink>
            )}
            {list.data?.abilities.canSeeWorkload && <ButtonLink to="/support/workload">{t("support.workload")}</ButtonLink>}
          </>
        }
      />
      <QueryState query={list}>
        {(data) => (
          <DataTable
            caption={t("support.caption")}
            rows={data.items}
            rowKey={(r) => r.id}
            empty={t("support.empty")}
            columns={[
              { key: "org", header: t("support.org"), cell: (r: Row) => r.org.name },
              {
                key: "theme",
                header: t("support.theme"),
                cell: (r: Row) => (
                  <Link to={`/support/${r.id}`} className="link">
                    {r.theme}
                  </Link>
                ),
              },
              {
                key: "status",
                header: t("support.status"),
                cell: (r: Row) => (
                  <Badge tone={r.status === "active" ? "green" : "neutral"}>{label(engagementStatusLabels, r.status)}</Badge>
                ),
              },
              {
                key: "period",
                header: t("support.period"),
                cell: (r: Row) => `${formatDate(r.startDate, locale)} 〜 ${r.endDate ? formatDate(r.endDate, locale) : ""}`,
              },
              {
                key: "specialists",
                header: t("support.specialists"),
                cell: (r: Row) => r.specialists.map((s) => s.name).join("、"),
              },
              {
                key: "log",
                header: t("support.sessions"),
                cell: (r: Row) => (
                  <span className="flex flex-col">
                    <span>{t("support.sessionCount", { count: r.sessionCount })}</span>
                    {r.lastSessionDate && (
                      <span className="text-dns-14N-130">
                        {t("support.lastSession", { date: formatDate(r.lastSessionDate, locale) })}
                      </span>
                    )}
                  </span>
                ),
              },
              {
                key: "steps",
                header: t("support.log.steps"),
                cell: (r: Row) => (
                  <span className="flex flex-col">
                    <span>{t("support.openSteps", { count: r.openSteps })}</span>
                    {r.nextDue && (
                      <span className="text-dns-14N-130">{t("desk.dueOn", { date: formatDate(r.nextDue, locale) })}</span>
                    )}
                  </span>
                ),
              },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
