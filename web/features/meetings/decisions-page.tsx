import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import type { DecisionEntry } from "../../../shared/api/meetings.js";
import { PAGE_MAX } from "../../../shared/api/paging.js";
import { fiscalYearAt } from "../../../shared/dates/jst.js";
import { fiscalYearLabel } from "../../../shared/dates/wareki.js";
import { DataTable } from "../../components/data-table.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import type { ListOf } from "../../lib/api-types.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { BodyFilterField, useBodyFilter } from "../bodies/body-filter.js";
import { api } from "./api.js";

/** 決定事項: the outcomes recorded in published minutes, across bodies and years. */
export function DecisionsPage() {
  const { t, locale } = useI18n();
  const [bodyId, setBodyId] = useBodyFilter();
  const [fiscalYear, setFiscalYear] = useState("");
  const [words, setWords] = useState("");
  const params = {
    limit: PAGE_MAX,
    ...(bodyId ? { bodyId } : {}),
    ...(fiscalYear ? { fiscalYear } : {}),
    ...(words.trim() ? { q: words.trim() } : {}),
  };
  const query = useQuery({
    queryKey: ["decisions", params],
    queryFn: () => api.get<ListOf<DecisionEntry>>("/decisions", params),
  });
  const now = fiscalYearAt();
  const years = Array.from({ length: 6 }, (_, i) => now + 1 - i);
  return (
    <>
      <PageHeader title={t("decisions.title")} description={t("decisions.lead")} />
      <div className="mb-4 flex flex-wrap items-end gap-6">
        <BodyFilterField value={bodyId} onChange={setBodyId} />
        <SelectField
          label={t("decisions.fiscalYear")}
          value={fiscalYear}
          onChange={(e) => setFiscalYear(e.target.value)}
          options={[
            { value: "", label: t("decisions.allYears") },
            ...years.map((y) => ({ value: String(y), label: fiscalYearLabel(y) })),
          ]}
        />
        <TextField type="search" label={t("decisions.words")} value={words} onChange={(e) => setWords(e.target.value)} />
      </div>
      <QueryState query={query}>
        {(data) => (
          <DataTable
            caption={t("decisions.title")}
            hideCaption
            rows={data.items}
            rowKey={(d) => d.agendaItemId}
            empty={t("decisions.empty")}
            columns={[
              { key: "date", header: t("decisions.date"), cell: (d) => formatDate(d.heldAt, locale) },
              {
                key: "meeting",
                header: t("decisions.meeting"),
                cell: (d) => (
                  <Link to={`/meetings/${d.meetingId}/minutes`} className="link">
                    {d.meetingName}
                  </Link>
                ),
              },
              { key: "item", header: t("decisions.item"), cell: (d) => d.agendaTitle },
              {
                key: "decision",
                header: t("decisions.decision"),
                cell: (d) => <span className="whitespace-pre-wrap">{d.decision}</span>,
              },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
