import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { NoticeDetail, noticeInput, noticeList, ReadStatus, remindResult } from "../../../shared/api/notices.js";
import { api, type Query } from "../../lib/api.js";

export type NoticeList = z.infer<typeof noticeList>;
export type NoticeInput = z.input<typeof noticeInput>;

const noticeKeys = {
  all: ["notices"] as const,
  list: (q: Query) => ["notices", "list", q] as const,
  one: (id: string) => ["notices", "one", id] as const,
  reads: (id: string) => ["notices", "reads", id] as const,
};

export const useNotices = (q: Query) =>
  useQuery({ queryKey: noticeKeys.list(q), queryFn: () => api.get<NoticeList>("/notices", q) });
export const useNotice = (id: string) =>
  useQuery({ queryKey: noticeKeys.one(id), queryFn: () => api.get<NoticeDetail>(`/notices/${id}`) });
export const useReadStatus = (id: string, enabled: boolean) =>
  useQuery({ queryKey: noticeKeys.reads(id), queryFn: () => api.get<ReadStatus>(`/notices/${id}/reads`), enabled });

/** Every change answers with the notice: store it and refresh the lists (pins, statuses, unread marks). */
function useNoticeMutation<V>(id: string, fn: (v: V) => Promise<NoticeDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (n) => {
      qc.setQueryData(noticeKeys.one(id), n);
      qc.invalidateQueries({ queryKey: ["notices", "list"] });
      qc.invalidateQueries({ queryKey: noticeKeys.reads(id) });
    },
  });
}

export function useSaveNotice(id?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NoticeInput) =>
      id ? api.patch<NoticeDetail>(`/notices/${id}`, input) : api.post<NoticeDetail>("/notices", input),
    onSuccess: (n) => {
      qc.setQueryData(noticeKeys.one(n.id), n);
      qc.invalidateQueries({ queryKey: ["notices", "list"] });
    },
  });
}

export const usePublish = (id: string) =>
  useNoticeMutation(id, (at?: string) => api.post<NoticeDetail>(`/notices/${id}/publish`, at ? { at } : {}));
export const useNoticeAction = (id: string, action: "unpublish" | "pin" | "archive") =>
  useNoticeMutation(id, (value?: boolean) =>
    api.post<NoticeDetail>(`/notices/${id}/${action}`, value === undefined ? {} : { value }),
  );
export const useUploadAttachments = (id: string) =>
  useNoticeMutation(id, (form: FormData) => api.postForm<NoticeDetail>(`/notices/${id}/attachments`, form));
export const useRemoveAttachment = (id: string) =>
  useNoticeMutation(id, (attachmentId: string) => api.delete<NoticeDetail>(`/notices/${id}/attachments/${attachmentId}`));

export function useMarkRead(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true; readAt: string }>(`/notices/${id}/read`),
    onSuccess: () => {
      qc.setQueryData<NoticeDetail>(noticeKeys.one(id), (n) => (n ? { ...n, readByMe: true } : n));
      qc.invalidateQueries({ queryKey: ["notices", "list"] });
    },
  });
}

export function useRemind(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<z.infer<typeof remindResult>>(`/notices/${id}/remind`),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: noticeKeys.reads(id) });
      qc.invalidateQueries({ queryKey: noticeKeys.one(id) });
    },
  });
}

export function useDeleteNotice(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<{ ok: true }>(`/notices/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: noticeKeys.all }),
  });
}
