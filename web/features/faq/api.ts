import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { FaqArticle, faqInput, faqList } from "../../../shared/api/faq.js";
import { api, type Query } from "../../lib/api.js";

export type { FaqArticle };
export type FaqList = z.infer<typeof faqList>;
export type FaqInput = z.input<typeof faqInput>;

const keys = {
  list: (q: Query) => ["faq", "list", q] as const,
  one: (id: string) => ["faq", "one", id] as const,
};

export const useFaqList = (q: Query) =>
  useQuery({ queryKey: keys.list(q), queryFn: () => api.get<FaqList>("/faq", q), placeholderData: keepPreviousData });
export const useFaq = (id: string) =>
  useQuery({ queryKey: keys.one(id), queryFn: () => api.get<FaqArticle>(`/faq/${id}`), retry: false });

function useArticleMutation<V>(fn: (v: V) => Promise<FaqArticle>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (a) => {
      qc.setQueryData(keys.one(a.id), a);
      qc.invalidateQueries({ queryKey: ["faq", "list"] });
    },
  });
}

export const useCreateFaq = () => useArticleMutation((input: FaqInput) => api.post<FaqArticle>("/faq", input));
export const useUpdateFaq = (id: string) =>
  useArticleMutation((input: Partial<FaqInput>) => api.patch<FaqArticle>(`/faq/${id}`, input));
export const usePublishFaq = (id: string) =>
  useArticleMutation((confirmAnonymised: boolean) => api.post<FaqArticle>(`/faq/${id}/publish`, { confirmAnonymised }));
export const useUnpublishFaq = (id: string) => useArticleMutation(() => api.post<FaqArticle>(`/faq/${id}/unpublish`));
export function useDeleteFaq() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/faq/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["faq"] }),
  });
}
