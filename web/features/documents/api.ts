import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { DocumentDetail, documentList, documentPatch, folder, folderList } from "../../../shared/api/documents.js";
import { api, type Query } from "../../lib/api.js";

export type DocumentList = z.infer<typeof documentList>;
export type FolderList = z.infer<typeof folderList>;
export type Folder = z.infer<typeof folder>;
export type DocumentPatch = z.input<typeof documentPatch>;

const documentKeys = {
  all: ["documents"] as const,
  list: (q: Query) => ["documents", "list", q] as const,
  one: (id: string) => ["documents", "one", id] as const,
  folders: (area: string) => ["documents", "folders", area] as const,
};

export const useDocuments = (q: Query) =>
  useQuery({ queryKey: documentKeys.list(q), queryFn: () => api.get<DocumentList>("/documents", q) });
export const useDocument = (id: string) =>
  useQuery({ queryKey: documentKeys.one(id), queryFn: () => api.get<DocumentDetail>(`/documents/${id}`) });
export const useFolders = (area: string) =>
  useQuery({ queryKey: documentKeys.folders(area), queryFn: () => api.get<FolderList>("/document-folders", { area }) });

function useDocMutation<V, R>(fn: (v: V) => Promise<R>, onDone?: (r: R) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => {
      onDone?.(r);
      qc.invalidateQueries({ queryKey: documentKeys.all });
    },
  });
}

export const useUploadDocument = () => useDocMutation((form: FormData) => api.postForm<DocumentDetail>("/documents", form));
export function useUploadVersion(id: string) {
  const qc = useQueryClient();
  return useDocMutation(
    (form: FormData) => api.postForm<DocumentDetail>(`/documents/${id}/versions`, form),
    (d) => qc.setQueryData(documentKeys.one(id), d),
  );
}
export function useUpdateDocument(id: string) {
  const qc = useQueryClient();
  return useDocMutation(
    (patch: DocumentPatch) => api.patch<DocumentDetail>(`/documents/${id}`, patch),
    (d) => qc.setQueryData(documentKeys.one(id), d),
  );
}
export const useDeleteDocument = (id: string) => useDocMutation(() => api.delete<{ ok: true }>(`/documents/${id}`));
export const useCreateFolder = () =>
  useDocMutation((input: { area: string; name: string }) => api.post<Folder>("/document-folders", input));

export const fileUrl = (id: string, version: number | "current", inline = false) =>
  `/api/documents/${id}/versions/${version}/file${inline ? "?inline=1" : ""}`;
export const zipUrl = (ids: string[]) => `/api/documents/zip?ids=${ids.join(",")}`;
