import { useQuery } from "@tanstack/react-query";
import type {
  RelayInfo,
  RelayInput,
  RelayList,
  UploadPreview,
  WorkbookImportResult,
  WorkbookInfo,
} from "../../../../shared/api/relay.js";
import { api } from "../../../lib/api.js";

export type { RelayInfo, RelayInput, RelayList, UploadPreview, WorkbookImportResult, WorkbookInfo };

/** The survey's ministry workbook, or null when it was built by hand (the route answers 404). */
export const useWorkbook = (id: string) =>
  useQuery({
    queryKey: ["surveys", "workbook", id],
    queryFn: () => api.get<WorkbookInfo>(`/surveys/${id}/workbook`).catch(() => null),
  });

export function importWorkbook(title: string, files: File[], relay: Record<string, string> = {}) {
  const form = new FormData();
  form.append("title", title);
  for (const [k, v] of Object.entries(relay)) if (v) form.append(k, v);
  for (const f of files) form.append("file", f);
  return api.postForm<WorkbookImportResult>("/surveys/import-workbook", form);
}

export function previewUpload(id: string, orgId: string, file: File) {
  const form = new FormData();
  form.append("file", file);
  return api.postForm<UploadPreview>(`/surveys/${id}/answers/${orgId}/workbook`, form);
}

export const setChecks = (id: string, orgIds: string[], checked: boolean) =>
  api.post<{ changed: number }>(`/surveys/${id}/checks`, { orgIds, checked });

export const orgCopyUrl = (id: string, orgId: string) => `/api/surveys/${id}/answers/${orgId}/workbook.xlsx`;
export const collationUrl = (id: string) => `/api/surveys/${id}/workbook/collation.xlsx`;
export const copiesUrl = (id: string) => `/api/surveys/${id}/workbook/copies.zip`;

/** The national 照会 behind a survey, or null when none was recorded (404). */
export const useRelay = (id: string) =>
  useQuery({
    queryKey: ["surveys", "relay", id],
    queryFn: () => api.get<RelayInfo>(`/surveys/${id}/relay`).catch(() => null),
  });
export const putRelay = (id: string, body: RelayInput) => api.put<RelayInfo>(`/surveys/${id}/relay`, body);
export const useRelays = (fiscalYear: number) =>
  useQuery({ queryKey: ["surveys", "relays", fiscalYear], queryFn: () => api.get<RelayList>("/surveys/relays", { fiscalYear }) });
