import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { acceptInput, acceptResult, InsightRules, rulesResponse, SuggestionList } from "../../../shared/api/insight.js";
import { api } from "../../lib/api.js";

type Rules = z.infer<typeof rulesResponse>;
const keys = {
  rules: ["insight", "rules"] as const,
  suggestions: (meetingId: string) => ["insight", "suggestions", meetingId] as const,
};

export const useRules = () => useQuery({ queryKey: keys.rules, queryFn: () => api.get<Rules>("/insight/rules") });

export function useSaveRules() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (rules: InsightRules) => api.put<Rules>("/insight/rules", rules),
    onSuccess: (data) => {
      qc.setQueryData(keys.rules, data);
      qc.invalidateQueries({ queryKey: ["insight", "suggestions"] });
    },
  });
}

export const useSuggestions = (meetingId: string) =>
  useQuery({
    queryKey: keys.suggestions(meetingId),
    queryFn: () => api.get<SuggestionList>(`/insight/meetings/${meetingId}/suggestions`),
  });

export function useAccept(meetingId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof acceptInput>) =>
      api.post<z.infer<typeof acceptResult>>(`/insight/meetings/${meetingId}/suggestions/accept`, input),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: keys.suggestions(meetingId) });
      qc.invalidateQueries({ queryKey: ["meetings"] });
    },
  });
}

export function useDismiss(meetingId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { key: string; reason: string }) =>
      api.post<SuggestionList>(`/insight/meetings/${meetingId}/suggestions/dismiss`, input),
    onSuccess: (data) => qc.setQueryData(keys.suggestions(meetingId), data),
  });
}
