import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  ConsultationDetail,
  ConsultationReport,
  queueQuery,
  queueResponse,
  staffMember,
  templateInput,
  templateView,
} from "../../../shared/api/consultations.js";
import { api, type Query, toSearch } from "../../lib/api.js";

export type Queue = z.infer<typeof queueResponse>;
export type QueueQuery = Partial<z.input<typeof queueQuery>>;
export type StaffMember = z.infer<typeof staffMember>;
export type Template = z.infer<typeof templateView>;
export type TemplateInput = z.input<typeof templateInput>;
export type { ConsultationDetail, ConsultationReport };

const deskKeys = {
  all: ["consultations"] as const,
  list: (q: QueueQuery) => ["consultations", "list", q] as const,
  one: (id: string) => ["consultations", "one", id] as const,
  staff: ["consultations", "staff"] as const,
  templates: ["consultations", "templates"] as const,
  report: (from: string, to: string) => ["consultations", "report", from, to] as const,
};

export const useQueue = (q: QueueQuery) =>
  useQuery({
    queryKey: deskKeys.list(q),
    queryFn: () => api.get<Queue>("/consultations", q as Query),
    placeholderData: keepPreviousData,
  });
export const useConsultation = (id: string) =>
  useQuery({ queryKey: deskKeys.one(id), queryFn: () => api.get<ConsultationDetail>(`/consultations/${id}`), retry: false });
export const useStaff = (enabled: boolean) =>
  useQuery({ queryKey: deskKeys.staff, queryFn: () => api.get<{ items: StaffMember[] }>("/consultations/staff"), enabled });
export const useTemplates = (enabled = true) =>
  useQuery({ queryKey: deskKeys.templates, queryFn: () => api.get<{ items: Template[] }>("/consultation-templates"), enabled });
export const useReport = (from: string, to: string) =>
  useQuery({
    queryKey: deskKeys.report(from, to),
    queryFn: () => api.get<ConsultationReport>("/consultations/reports", { from, to }),
  });

/** Export links: a plain download through the browser, with the session cookie. */
export const exportUrl = (q: QueueQuery, format: "csv" | "xlsx") =>
  `/api/consultations/export${toSearch({ ...(q as Query), format, limit: undefined, offset: undefined })}`;
export const reportExportUrl = (from: string, to: string, format: "csv" | "xlsx") =>
  `/api/consultations/reports/export${toSearch({ from, to, format })}`;
export const attachmentUrl = (consultationId: string, id: string) => `/api/consultations/${consultationId}/attachments/${id}`;

/** Every change answers with the whole consultation: store it and refresh the lists. */
function useDetailMutation<V>(id: string, fn: (v: V) => Promise<ConsultationDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (c) => {
      qc.setQueryData(deskKeys.one(c.id), c);
      if (c.id !== id) qc.invalidateQueries({ queryKey: deskKeys.one(id) });
      qc.invalidateQueries({ queryKey: ["consultations", "list"] });
    },
  });
}

export const useFile = () => useDetailMutation("", (form: FormData) => api.postForm<ConsultationDetail>("/consultations", form));
export const usePostMessage = (id: string) =>
  useDetailMutation(id, (form: FormData) => api.postForm<ConsultationDetail>(`/consultations/${id}/messages`, form));
export const useAssign = (id: string) =>
  useDetailMutation(id, (assigneeId: string | null) =>
    api.post<ConsultationDetail>(`/consultations/${id}/assign`, { assigneeId }),
  );
export const useSetStatus = (id: string) =>
  useDetailMutation(id, (status: string) => api.post<ConsultationDetail>(`/consultations/${id}/status`, { status }));
export const useMerge = (id: string) =>
  useDetailMutation(id, (targetId: string) => api.post<ConsultationDetail>(`/consultations/${id}/merge`, { targetId }));

/** From desk to support: starts a support engagement linked to the consultation. */
export function useStartSupport(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ id: string }>(`/consultations/${id}/support`, {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: deskKeys.one(id) }),
  });
}

export function useSaveTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: TemplateInput }) =>
      id ? api.put<Template>(`/consultation-templates/${id}`, input) : api.post<Template>("/consultation-templates", input),
    onSuccess: () => qc.invalidateQueries({ queryKey: deskKeys.templates }),
  });
}
export function useDeleteTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/consultation-templates/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: deskKeys.templates }),
  });
}
