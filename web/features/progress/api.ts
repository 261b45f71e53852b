import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { HistoryEntry, Programme, ProgressItem, ProgressRecord, RecordUpdate } from "../../../shared/api/progress.js";
import type { Dashboard, ImportResult, ItemPage, Matrix, OrgPage } from "../../../shared/api/progress-views.js";
import { api, type Query, toSearch } from "../../lib/api.js";

export type { Dashboard, HistoryEntry, ImportResult, ItemPage, Matrix, OrgPage, Programme, ProgressItem, ProgressRecord };
export type ProgrammeDetail = Programme & { items: ProgressItem[] };

export const progressKeys = {
  all: ["progress"] as const,
  programmes: (archived: boolean) => ["progress", "programmes", archived] as const,
  programme: (id: string) => ["progress", "programme", id] as const,
  dashboard: (q: Query) => ["progress", "dashboard", q] as const,
  matrix: (q: Query) => ["progress", "matrix", q] as const,
  org: (id: string, asOf?: string) => ["progress", "org", id, asOf ?? ""] as const,
  item: (id: string, asOf?: string) => ["progress", "item", id, asOf ?? ""] as const,
  record: (orgId: string, itemId: string, asOf?: string) => ["progress", "record", orgId, itemId, asOf ?? ""] as const,
  history: (orgId: string, itemId: string) => ["progress", "history", orgId, itemId] as const,
};

export const useProgrammes = (includeArchived = false) =>
  useQuery({
    queryKey: progressKeys.programmes(includeArchived),
    queryFn: () =>
      api.get<{ items: Programme[] }>("/progress/programmes", { includeArchived: includeArchived ? "true" : undefined }),
  });
export const useProgramme = (id: string | undefined) =>
  useQuery({
    queryKey: progressKeys.programme(id ?? ""),
    queryFn: () => api.get<ProgrammeDetail>(`/progress/programmes/${id}`),
    enabled: !!id,
  });
export const useDashboard = (q: Query) =>
  useQuery({ queryKey: progressKeys.dashboard(q), queryFn: () => api.get<Dashboard>("/progress/dashboard", q) });
export const useMatrix = (q: Query) =>
  useQuery({ queryKey: progressKeys.matrix(q), queryFn: () => api.get<Matrix>("/progress/dashboard/matrix", q) });
export const useOrgPage = (id: string, asOf?: string) =>
  useQuery({ queryKey: progressKeys.org(id, asOf), queryFn: () => api.get<OrgPage>(`/progress/orgs/${id}`, { asOf }) });
export const useItemPage = (id: string, asOf?: string) =>
  useQuery({ queryKey: progressKeys.item(id, asOf), queryFn: () => api.get<ItemPage>(`/progress/items/${id}`, { asOf }) });
export const useRecord = (orgId: string, itemId: string, asOf?: string) =>
  useQuery({
    queryKey: progressKeys.record(orgId, itemId, asOf),
    queryFn: () => api.get<ProgressRecord>(`/progress/records/${orgId}/${itemId}`, { asOf }),
  });
export const useHistory = (orgId: string, itemId: string) =>
  useQuery({
    queryKey: progressKeys.history(orgId, itemId),
    queryFn: () =>
      api.get<{ items: HistoryEntry[]; total: number }>(`/progress/records/${orgId}/${itemId}/history`, { limit: 100 }),
  });

/** A saved record changes the dashboard, the pages and the history: refresh everything of progress. */
export function useRecordUpdate(orgId: string, itemId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RecordUpdate) => api.patch<ProgressRecord>(`/progress/records/${orgId}/${itemId}`, body),
    onSuccess: (r) => {
      qc.setQueryData(progressKeys.record(orgId, itemId), r);
      qc.invalidateQueries({ queryKey: progressKeys.all });
    },
  });
}

export function uploadEvidence(file: File) {
  const form = new FormData();
  form.append("file", file);
  return api.postForm<{ id: string; name: string; size: number }>("/progress/evidence", form);
}

export function importProgress(file: File, dryRun: boolean) {
  const form = new FormData();
  form.append("dryRun", dryRun ? "true" : "false");
  form.append("file", file);
  return api.postForm<ImportResult>("/progress/import", form);
}

export const exportUrl = (q: { programmeId: string; itemId?: string; format: "xlsx" | "csv"; encoding?: "utf8" | "sjis" }) =>
  `/api/progress/export${toSearch(q)}`;
export const evidenceUrl = (historyId: string) => `/api/progress/history/${historyId}/evidence`;
export const recordPath = (orgId: string, itemId: string) => `/progress/orgs/${orgId}/items/${itemId}`;
