import { Link } from "react-router";
import { ButtonLink } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { formatDateTime, jstToday } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useMeetings } from "../meetings/api.js";

/** The meetings being prepared, each leading to its agenda suggestions; and the way to the rules. */
export function InsightPage() {
  const { t, locale } = useI18n();
  const query = useMeetings({ from: jstToday() });
  return (
    <>
      <PageHeader
        title={t("insight.title")}
        description={t("insight.lead")}
        actions={
          <div className="flex flex-wrap gap-2">
            <ButtonLink to="/insight/radar">{t("insight.radarLink")}</ButtonLink>
            <ButtonLink to="/insight/report">{t("insight.reportLink")}</ButtonLink>
            <ButtonLink to="/insight/rules">{t("insight.rulesLink")}</ButtonLink>
          </div>
        }
      />
      <QueryState query={query}>
        {(data) => (
          <DataTable
            caption={t("insight.meetings")}
            rows={data.items.filter((m) => m.status === "draft" || m.status === "announced")}
            rowKey={(m) => m.id}
            empty={t("insight.noMeetings")}
            columns={[
              {
                key: "name",
                header: t("insight.meetingCol"),
                cell: (m) => (
                  <Link to={`/insight/meetings/${m.id}`} className="link">
                    {m.name}
                  </Link>
                ),
              },
              { key: "when", header: t("insight.dateCol"), cell: (m) => formatDateTime(m.startsAt, locale) },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
