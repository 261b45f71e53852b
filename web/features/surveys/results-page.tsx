import { useState } from "react";
import { useParams } from "react-router";
import { answerStatusLabels } from "../../../shared/api/surveys.js";
import { allQuestions, type Definition } from "../../../shared/surveys/definition.js";
import { buttonClass } from "../../components/button.js";
import { CsvDownload } from "../../components/csv-download.js";
import { DataTable } from "../../components/data-table.js";
import { SelectField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { Pager } from "../../components/pager.js";
import { QueryState } from "../../components/query-state.js";
import type { Query } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";
import { exportUrl, type Survey, useAnswerTable, useResults, useSurvey } from "./api.js";
import { QuestionResult } from "./question-result.js";
import { SurveyTabs } from "./survey-tabs.js";

/** Aggregates per question with a chart and a table each, the table of all answers, filters and exports. */
export function SurveyResultsPage() {
  const { id = "" } = useParams();
  const query = useSurvey(id);
  return <QueryState query={query}>{(s) => <Results survey={s} />}</QueryState>;
}

function Results({ survey }: { survey: Survey }) {
  const { t } = useI18n();
  const def = survey.definition as Definition;
  const [include, setInclude] = useState<"submitted" | "all">("submitted");
  const [orgKind, setOrgKind] = useState("");
  const [q, setQ] = useState("");
  const [v, setV] = useState("");
  const [offset, setOffset] = useState(0);
  const filterable = allQuestions(def).filter(
    (x) => x.kind === "single_choice" || x.kind === "multiple_choice" || x.kind === "yes_no",
  );
  const fq = filterable.find((x) => x.id === q);
  const values =
    fq?.kind === "yes_no"
      ? [
          { id: "true", label: t("surveys.yes") },
          { id: "false", label: t("surveys.no") },
        ]
      : fq && "options" in fq
        ? fq.options
        : [];
  const filter: Query = { include, orgKind: orgKind || undefined, q: fq && v ? q : undefined, v: fq && v ? v : undefined };
  const results = useResults(survey.id, filter);
  const table = useAnswerTable(survey.id, { ...filter, limit: 50, offset });
  return (
    <>
      <PageHeader
        title={t("surveys.resultsTitle")}
        breadcrumbs={[
          { label: t("surveys.title"), to: "/surveys" },
          { label: survey.title, to: `/surveys/${survey.id}` },
          { label: t("surveys.tabResults") },
        ]}
      />
      <SurveyTabs survey={survey} current="results" />
      <div className="mb-6 flex flex-wrap items-end gap-4">
        {survey.abilities.canTrack && (
          <SelectField
            label={t("surveys.include")}
            className="w-60"
            value={include}
            onChange={(e) => {
              setInclude(e.target.value as "all");
              setOffset(0);
            }}
            options={[
              { value: "submitted", label: t("surveys.includeSubmitted") },
              { value: "all", label: t("surveys.includeAll") },
            ]}
          />
        )}
        <SelectField
          label={t("surveys.orgKind")}
          className="w-48"
          value={orgKind}
          onChange={(e) => {
            setOrgKind(e.target.value);
            setOffset(0);
          }}
          options={[
            { value: "", label: t("form.all") },
            { value: "city", label: t("surveys.kindCity") },
            { value: "town", label: t("surveys.kindTown") },
          ]}
        />
        <SelectField
          label={t("surveys.filterQuestion")}
          className="w-72"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setV("");
            setOffset(0);
          }}
          options={[{ value: "", label: t("surveys.noFilter") }, ...filterable.map((x) => ({ value: x.id, label: x.title }))]}
        />
        {fq && (
          <SelectField
            label={t("surveys.filterValue")}
            className="w-60"
            value={v}
            onChange={(e) => {
              setV(e.target.value);
              setOffset(0);
            }}
            options={[{ value: "", label: t("form.select") }, ...values.map((o) => ({ value: o.id, label: o.label }))]}
          />
        )}
      </div>
      {survey.abilities.canViewResults && (
        <div className="mb-6 flex flex-wrap gap-3">
          <a className={buttonClass("primary", "sm", "no-underline")} href={exportUrl(survey.id, "xlsx", filter)} download>
            {t("surveys.exportXlsx")}
          </a>
          <a
            className={buttonClass("secondary", "sm", "no-underline")}
            href={exportUrl(survey.id, "csv", { ...filter, encoding: "utf8" })}
            download
          >
            {t("surveys.exportCsv")}
          </a>
          <CsvDownload href={exportUrl(survey.id, "csv", { ...filter, encoding: "sjis" })}>{t("surveys.exportSjis")}</CsvDownload>
        </div>
      )}
      <QueryState query={results}>
        {(r) => (
          <div className="flex flex-col gap-6">
            <p className="text-std-18B-160" aria-live="polite">
              {t("surveys.respondents", { n: r.respondents, total: r.targets })}
            </p>
            {r.questions.map((x) => (
              <QuestionResult key={x.id} q={x} />
            ))}
          </div>
        )}
      </QueryState>
      <section aria-labelledby="all-answers" className="mt-10 flex flex-col gap-3">
        <h2 id="all-answers" className="text-std-24B-150">
          {t("surveys.allAnswers")}
        </h2>
        <QueryState query={table}>
          {(tb) => (
            <>
              <DataTable
                caption={t("surveys.allAnswers")}
                hideCaption
                rows={tb.rows}
                rowKey={(r) => r.org.id}
                empty={t("surveys.noData")}
                columns={[
                  { key: "org", header: t("surveys.org"), cell: (r) => r.org.name, className: "whitespace-nowrap" },
                  { key: "status", header: t("surveys.answerStatus"), cell: (r) => <StatusText s={r.status} /> },
                  ...tb.columns.map((c) => ({
                    key: c.key,
                    header: c.label,
                    cell: (r: (typeof tb.rows)[number]) => r.cells[c.key] ?? "",
                  })),
                ]}
              />
              <Pager offset={offset} limit={50} total={tb.total} onChange={setOffset} />
            </>
          )}
        </QueryState>
      </section>
    </>
  );
}

function StatusText({ s }: { s: keyof typeof answerStatusLabels }) {
  const { label } = useI18n();
  return <>{label(answerStatusLabels, s)}</>;
}
