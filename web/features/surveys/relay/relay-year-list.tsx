import { useId, useState } from "react";
import { Link } from "react-router";
import { phaseLabels } from "../../../../shared/api/surveys.js";
import { fiscalYearAt } from "../../../../shared/dates/jst.js";
import { fiscalYearLabel } from "../../../../shared/dates/wareki.js";
import { Badge } from "../../../components/badge.js";
import { DataTable } from "../../../components/data-table.js";
import { SelectField } from "../../../components/form-field.js";
import { QueryState } from "../../../components/query-state.js";
import { formatDate, formatDateTime } from "../../../lib/dates.js";
import { useI18n } from "../../../lib/i18n.js";
import { phaseTone } from "../format.js";
import { useRelays } from "./api.js";

/** The secretariat's yearly register of relayed national surveys (what used to be tracked by hand). */
export function RelayYearList() {
  const { t, label, locale } = useI18n();
  const id = useId();
  const current = fiscalYearAt();
  const [year, setYear] = useState(current);
  const query = useRelays(year);
  const title = t("relay.yearTitle", { year: fiscalYearLabel(year) });
  return (
    <section aria-labelledby={`${id}-title`} className="mt-8 flex flex-col gap-3">
      <h2 id={`${id}-title`} className="text-std-24B-150">
        {title}
      </h2>
      <SelectField
        label={t("relay.year")}
        className="max-w-xs"
        value={String(year)}
        onChange={(e) => setYear(Number(e.target.value))}
        options={[0, 1, 2, 3].map((n) => ({ value: String(current - n), label: fiscalYearLabel(current - n) }))}
      />
      <QueryState query={query}>
        {(data) => (
          <DataTable
            caption={title}
            hideCaption
            rows={data.items}
            rowKey={(r) => r.surveyId}
            empty={t("relay.yearEmpty")}
            columns={[
              {
                key: "title",
                header: t("surveys.name"),
                cell: (r) => (
                  <Link to={`/surveys/${r.surveyId}`} className="link">
                    {r.title}
                  </Link>
                ),
              },
              { key: "ministry", header: t("relay.ministry"), cell: (r) => r.ministry },
              { key: "number", header: t("relay.documentNumber"), cell: (r) => r.documentNumber || "—" },
              {
                key: "national",
                header: t("relay.nationalDeadline"),
                cell: (r) => (r.nationalDeadline ? formatDate(r.nationalDeadline, locale) : "—"),
              },
              { key: "deadline", header: t("surveys.deadline"), cell: (r) => formatDateTime(r.deadlineAt, locale) || "—" },
              {
                key: "phase",
                header: t("relay.status"),
                cell: (r) => <Badge tone={phaseTone(r.phase)}>{label(phaseLabels, r.phase)}</Badge>,
              },
              {
                key: "submitted",
                header: t("relay.submitted"),
                cell: (r) =>
                  r.phase === "draft" ? "—" : t("surveys.submittedOf", { n: r.submittedCount, total: r.targetCount }),
              },
            ]}
          />
        )}
      </QueryState>
    </section>
  );
}
