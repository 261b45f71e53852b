import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Answer, AnswerTable, BoardRow, Results, Survey, SurveyPatch, SurveySummary } from "../../../shared/api/surveys.js";
import type { ProgressApplyResult, ProgressMapResponse } from "../../../shared/api/surveys-progress.js";
import type { ProgressMapping } from "../../../shared/surveys/progress-map.js";
import { api, type Query, toSearch } from "../../lib/api.js";

export type { Answer, AnswerTable, BoardRow, Results, Survey, SurveySummary };

export const surveyKeys = {
  all: ["surveys"] as const,
  list: (q: Query) => ["surveys", "list", q] as const,
  one: (id: string) => ["surveys", "one", id] as const,
  answer: (id: string, orgId: string) => ["surveys", "answer", id, orgId] as const,
  board: (id: string) => ["surveys", "board", id] as const,
  results: (id: string, q: Query) => ["surveys", "results", id, q] as const,
  table: (id: string, q: Query) => ["surveys", "table", id, q] as const,
  progressMap: (id: string) => ["surveys", "progress-map", id] as const,
};

export const useSurveys = (q: Query = {}) =>
  useQuery({
    queryKey: surveyKeys.list(q),
    queryFn: () => api.get<{ items: SurveySummary[]; total: number; canCreate: boolean }>("/surveys", q),
  });
export const useSurvey = (id: string) =>
  useQuery({ queryKey: surveyKeys.one(id), queryFn: () => api.get<Survey>(`/surveys/${id}`) });
export const useAnswer = (id: string, orgId: string) =>
  useQuery({ queryKey: surveyKeys.answer(id, orgId), queryFn: () => api.get<Answer>(`/surveys/${id}/answers/${orgId}`) });
export const useBoard = (id: string) =>
  useQuery({
    queryKey: surveyKeys.board(id),
    queryFn: () =>
      api.get<{ items: BoardRow[]; counts: Record<string, number>; deadlineAt: string | null }>(`/surveys/${id}/status`),
  });
export const useResults = (id: string, q: Query) =>
  useQuery({ queryKey: surveyKeys.results(id, q), queryFn: () => api.get<Results>(`/surveys/${id}/results`, q) });
export const useAnswerTable = (id: string, q: Query) =>
  useQuery({ queryKey: surveyKeys.table(id, q), queryFn: () => api.get<AnswerTable>(`/surveys/${id}/results/table`, q) });
export const useProgressMap = (id: string) =>
  useQuery({ queryKey: surveyKeys.progressMap(id), queryFn: () => api.get<ProgressMapResponse>(`/surveys/${id}/progress-map`) });

/** A change to a survey answers with the whole survey: store it, refresh the lists. */
export function useSurveyMutation<V>(fn: (v: V) => Promise<Survey>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (s) => {
      qc.setQueryData(surveyKeys.one(s.id), s);
      qc.invalidateQueries({ queryKey: ["surveys", "list"] });
    },
  });
}

export const createSurvey = (title: string) => api.post<Survey>("/surveys", { title });
export const patchSurvey = (id: string, patch: SurveyPatch) => api.patch<Survey>(`/surveys/${id}`, patch);
export const surveyAction = (id: string, action: "publish" | "close" | "reopen" | "copy") =>
  api.post<Survey>(`/surveys/${id}/${action}`);
export const deleteSurvey = (id: string) => api.delete<{ ok: true }>(`/surveys/${id}`);

export const saveAnswer = (
  id: string,
  orgId: string,
  body: { version: number; data: Record<string, unknown> },
  submit = false,
) =>
  submit
    ? api.post<Answer>(`/surveys/${id}/answers/${orgId}/submit`, body)
    : api.put<Answer>(`/surveys/${id}/answers/${orgId}`, body);
export const returnAnswer = (id: string, orgId: string, comment: string) =>
  api.post<Answer>(`/surveys/${id}/answers/${orgId}/return`, { comment });
export const extendDeadline = (id: string, orgId: string, until: string | null) =>
  until
    ? api.put<Answer>(`/surveys/${id}/extensions/${orgId}`, { until })
    : api.delete<Answer>(`/surveys/${id}/extensions/${orgId}`);
export const remindLate = (id: string, orgIds?: string[]) => api.post<{ reminded: number }>(`/surveys/${id}/remind`, { orgIds });
export const saveProgressMap = (id: string, mapping: ProgressMapping) =>
  api.put<ProgressMapResponse>(`/surveys/${id}/progress-map`, mapping);
export const runProgress = (id: string, apply: boolean) =>
  api.post<ProgressApplyResult>(`/surveys/${id}/progress-map/${apply ? "apply" : "preview"}`);

export const fileUrl = (id: string, fileId: string) => `/api/surveys/${id}/files/${fileId}`;
export const exportUrl = (id: string, format: "xlsx" | "csv", q: Query) => `/api/surveys/${id}/export.${format}${toSearch(q)}`;

/** Sends files as multipart/form-data, each under the field "file". */
export function uploadFiles<T>(path: string, files: File[]): Promise<T> {
  const form = new FormData();
  for (const f of files) form.append("file", f);
  return api.postForm<T>(path, form);
}
