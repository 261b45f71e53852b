import type { z } from "zod";
import type { AnswerStatus, AnswerTable, Results, resultsQuery, tableQuery } from "../../../shared/api/surveys.js";
import { allQuestions, type Definition } from "../../../shared/surveys/definition.js";
import { type Cell, cellOf, headerOf } from "../../../shared/surveys/format.js";
import type { AnswerData, GridValue } from "../../../shared/surveys/rules.js";
import type { Ctx } from "../../platform/context.js";
import { invalid } from "../../platform/errors.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { type LoadedSurvey, loadSurvey } from "./access.js";
import { aggregateQuestion, answerMatches } from "./aggregate.js";
import { answerFileNames, resultPage } from "./results-repo.js";
import { countTargets } from "./targets-repo.js";

export type ResultsFilter = z.infer<typeof resultsQuery>;

export interface ResultRow {
  org: { id: string; name: string; lgCode: string | null };
  status: AnswerStatus;
  submittedAt: string | null;
  submittedBy: string | null;
  data: AnswerData;
}

/** Loads the survey for its results: staff always; the asked organisations once closed when the survey shares them. */
export async function loadForResults(ctx: Ctx, id: string, filter: ResultsFilter) {
  const loaded = await loadSurvey(ctx, id);
  authorize(ctx.actor, "survey.results", loaded.subject);
  // Organisations reading shared results see submitted answers only, never a draft.
  const f = can(ctx.actor, "survey.track", loaded.subject) ? filter : { ...filter, include: "submitted" as const };
  if (f.q && !allQuestions(loaded.def).some((q) => q.id === f.q))
    throw invalid("絞り込みの設問が見つかりません。", [{ path: "q", message: "設問を選び直してください" }]);
  return { loaded, filter: f };
}

/**
 * The rows of the results, one per asked organisation, in local-government-code order, read in pages
 * so an export of thousands of organisations never holds every answer's text twice.
 */
export async function* resultRows(ctx: Ctx, loaded: LoadedSurvey, f: ResultsFilter, pageSize = 500): AsyncGenerator<ResultRow> {
  const filterQ = f.q ? allQuestions(loaded.def).find((q) => q.id === f.q) : undefined;
  for (let offset = 0; ; offset += pageSize) {
    const page = await resultPage(ctx, loaded.row.id, f, pageSize, offset);
    for (const r of page) {
      const data = r.data ? (JSON.parse(r.data) as AnswerData) : {};
      if (filterQ && !answerMatches(filterQ, data[filterQ.id], f.v ?? "")) continue;
      yield {
        org: { id: r.id, name: r.name, lgCode: r.lg_code },
        status: (r.status ?? "not_started") as AnswerStatus,
        submittedAt: r.submitted_at,
        submittedBy: r.submitted_by_name,
        data,
      };
    }
    if (page.length < pageSize) return;
  }
}

export async function getResults(ctx: Ctx, id: string, query: ResultsFilter): Promise<Results> {
  const { loaded, filter } = await loadForResults(ctx, id, query);
  const answers: AnswerData[] = [];
  for await (const r of resultRows(ctx, loaded, filter)) if (r.status !== "not_started") answers.push(r.data);
  const targets = await countTargets(ctx, id);
  return {
    targets,
    respondents: answers.length,
    questions: loaded.def.sections.flatMap((s) =>
      s.questions.map((q) => ({
        id: q.id,
        title: q.title,
        kind: q.kind,
        section: s.title,
        aggregate: aggregateQuestion(q, answers),
      })),
    ),
  };
}

/** The flat columns of the answer table (and of the CSV): one per question, one per grid cell. */
export function flatColumns(def: Definition) {
  const cols: { key: string; label: string; cell: (d: AnswerData, files?: Map<string, string>) => Cell }[] = [];
  for (const q of allQuestions(def)) {
    if (q.kind !== "grid") {
      cols.push({ key: q.id, label: headerOf(q.title, q), cell: (d, files) => cellOf(q, d[q.id], files) });
      continue;
    }
    for (const r of q.rows)
      for (const c of q.columns)
        cols.push({
          key: `${q.id}.${r.id}.${c.id}`,
          label: `${q.title}：${r.label}／${headerOf(c.label, c)}`,
          cell: (d) => cellOf(c, (d[q.id] as GridValue | undefined)?.[r.id]?.[c.id]),
        });
  }
  return cols;
}

export async function fileNamesOf(ctx: Ctx, surveyId: string) {
  const rows = await answerFileNames(ctx, surveyId);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function getAnswerTable(ctx: Ctx, id: string, query: z.infer<typeof tableQuery>): Promise<AnswerTable> {
  const { loaded, filter } = await loadForResults(ctx, id, query);
  const cols = flatColumns(loaded.def);
  const files = await fileNamesOf(ctx, id);
  const rows: AnswerTable["rows"] = [];
  let total = 0;
  for await (const r of resultRows(ctx, loaded, filter)) {
    total++;
    if (total <= query.offset || rows.length >= query.limit) continue;
    rows.push({
      org: r.org,
      status: r.status,
      submittedAt: r.submittedAt,
      cells: Object.fromEntries(cols.map((c) => [c.key, c.cell(r.data, files)])),
    });
  }
  return { columns: cols.map((c) => ({ key: c.key, label: c.label })), rows, total };
}
