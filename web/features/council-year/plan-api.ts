import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { planEntryInput, YearPlan } from "../../../shared/api/year-plan.js";
import { api } from "../../lib/api.js";

export type PlanEntryInput = z.input<typeof planEntryInput>;

const key = (fy: number) => ["year-plan", fy] as const;

export const useYearPlan = (fy: number) => useQuery({ queryKey: key(fy), queryFn: () => api.get<YearPlan>(`/year-plans/${fy}`) });

/** Every change answers with the whole plan of its year. */
export function usePlanMutation<V>(fy: number, fn: (v: V) => Promise<YearPlan>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: (plan) => qc.setQueryData(key(fy), plan) });
}

export const addPlanEntry = (fy: number, input: PlanEntryInput) => api.post<YearPlan>(`/year-plans/${fy}/entries`, input);
export const deletePlanEntry = (id: string) => api.delete<YearPlan>(`/year-plan-entries/${id}`);

export function useCopyPlan(fy: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ copied: number }>(`/year-plans/${fy}/copy-previous`),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(fy) }),
  });
}
