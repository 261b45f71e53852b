import { useQuery } from "@tanstack/react-query";
import { handoverKindLabels } from "../../../shared/api/handover.js";
import { DataTable } from "../../components/data-table.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { api } from "../../lib/api.js";
import type { HandoverLetter } from "../../lib/api-types.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";

/** A successor's 引継ぎ書: what they received, with due dates, and the same as a PDF. */
export function HandoverMinePage() {
  const { t, label, locale } = useI18n();
  const letter = useQuery({ queryKey: ["handover", "mine"], queryFn: () => api.get<HandoverLetter>("/handover/letters/me") });
  return (
    <>
      <PageHeader title={t("nav.handoverMine")} description={t("handover.mineLead")} />
      <QueryState query={letter}>
        {(data) => (
          <div className="flex flex-col gap-4">
            {data.entries.length > 0 && (
              <p>
                <a className="link" href={`/api/handover/letters/${data.successor.id}/pdf`}>
                  {t("handover.pdf")}
                </a>
              </p>
            )}
            <DataTable
              caption={`${t("nav.handoverMine")}（${data.successor.name}）`}
              columns={[
                { key: "k", header: t("handover.kind"), cell: (e) => label(handoverKindLabels, e.kind) },
                { key: "t", header: t("handover.title"), cell: (e) => e.title },
                { key: "d", header: t("handover.dueCol"), cell: (e) => (e.due ? formatDate(e.due, locale) : "—") },
                { key: "f", header: t("handover.from"), cell: (e) => e.from },
              ]}
              rows={data.entries}
              rowKey={(e) => `${e.batchId}|${e.kind}|${e.refId}`}
              empty={t("handover.mineEmpty")}
            />
          </div>
        )}
      </QueryState>
    </>
  );
}
