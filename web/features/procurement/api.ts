import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { comparison, ProjectDetail, projectList, ScenarioDetail, summaryResponse } from "../../../shared/api/procurement.js";
import { api } from "../../lib/api.js";

export const useProjects = () =>
  useQuery({ queryKey: ["procurement", "list"], queryFn: () => api.get<z.infer<typeof projectList>>("/procurement/projects") });
export const useProject = (id: string) =>
  useQuery({ queryKey: ["procurement", "project", id], queryFn: () => api.get<ProjectDetail>(`/procurement/projects/${id}`) });
export const useScenario = (id: string) =>
  useQuery({ queryKey: ["procurement", "scenario", id], queryFn: () => api.get<ScenarioDetail>(`/procurement/scenarios/${id}`) });
export const useComparison = (a: string, b: string) =>
  useQuery({
    queryKey: ["procurement", "compare", a, b],
    queryFn: () => api.get<z.infer<typeof comparison>>("/procurement/compare", { a, b }),
    enabled: !!a && !!b && a !== b,
  });
export const useSummary = () =>
  useQuery({
    queryKey: ["procurement", "summary"],
    queryFn: () => api.get<z.infer<typeof summaryResponse>>("/procurement/summary"),
  });

/** Every change answers with the changed thing; lists are refreshed. */
export function useProcurementMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ["procurement"] }) });
}
