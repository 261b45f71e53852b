import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import type { OrgTimeline } from "../../../shared/api/progress-views.js";
import { Button } from "../../components/button.js";
import { Card } from "../../components/card.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { api } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";
import { progressKeys, recordPath, useItemPage } from "./api.js";
import { Gantt } from "./gantt.js";

function PrintButton() {
  const { t } = useI18n();
  return (
    <div className="mb-4">
      <Button variant="secondary" size="sm" onClick={() => window.print()}>
        {t("timeline.print")}
      </Button>
    </div>
  );
}

/** One item's timeline across every municipality: each step planned against done, and the national deadline. */
export function ItemTimelinePage() {
  const { t } = useI18n();
  const { itemId = "" } = useParams();
  const query = useItemPage(itemId);
  return (
    <QueryState query={query}>
      {(d) => {
        const steps = d.item.steps.filter((s) => !s.archived);
        const deadline = d.item.deadline ?? d.programme.deadline;
        return (
          <>
            <PageHeader
              title={t("timeline.itemTitle", { item: d.item.name })}
              breadcrumbs={[
                { label: t("progress.title"), to: `/progress?programmeId=${d.programme.id}` },
                { label: d.item.name, to: `/progress/items/${d.item.id}` },
                { label: t("timeline.title") },
              ]}
              description={t("timeline.lead")}
            />
            <PrintButton />
            {d.item.tracking === "steps" ? (
              <Gantt
                caption={t("timeline.itemTitle", { item: d.item.name })}
                rowHeader={t("progress.municipality")}
                rows={d.rows.map((r) => ({
                  key: r.org.id,
                  name: r.org.name,
                  label: (
                    <Link className="link" to={recordPath(r.org.id, d.item.id)}>
                      {r.org.name}
                    </Link>
                  ),
                  deadline,
                  steps: steps.map((s, i) => ({
                    name: s.name,
                    status: r.steps?.[i]?.status ?? "not_started",
                    plannedDate: r.steps?.[i]?.plannedDate ?? null,
                    actualDate: r.steps?.[i]?.actualDate ?? null,
                  })),
                }))}
              />
            ) : (
              <p>{t("timeline.metricsItem")}</p>
            )}
          </>
        );
      }}
    </QueryState>
  );
}

/** One municipality's timeline: per programme, every step-tracked item against its national deadline. */
export function OrgTimelinePage() {
  const { t } = useI18n();
  const { orgId = "" } = useParams();
  const query = useQuery({
    queryKey: [...progressKeys.all, "timeline", orgId],
    queryFn: () => api.get<OrgTimeline>(`/progress/orgs/${orgId}/timeline`),
  });
  return (
    <QueryState query={query}>
      {(d) => (
        <>
          <PageHeader
            title={t("timeline.orgTitle", { org: d.org.name })}
            breadcrumbs={[
              { label: t("progress.title"), to: "/progress" },
              { label: d.org.name, to: `/progress/orgs/${d.org.id}` },
              { label: t("timeline.title") },
            ]}
            description={t("timeline.lead")}
          />
          <PrintButton />
          <div className="flex flex-col gap-6">
            {d.programmes.length === 0 && <p>{t("timeline.none")}</p>}
            {d.programmes.map((p) => (
              <Card key={p.id} title={p.name}>
                <Gantt
                  caption={`${d.org.name}／${p.name}`}
                  rowHeader={t("progress.item")}
                  rows={p.items.map((i) => ({
                    key: i.id,
                    name: i.name,
                    label: (
                      <Link className="link" to={recordPath(d.org.id, i.id)}>
                        {i.name}
                      </Link>
                    ),
                    deadline: i.deadline,
                    steps: i.steps,
                  }))}
                />
              </Card>
            ))}
          </div>
        </>
      )}
    </QueryState>
  );
}
