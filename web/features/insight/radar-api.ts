import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RadarPlanInput, RadarView } from "../../../shared/api/insight.js";
import { api } from "../../lib/api.js";

const key = ["insight", "radar"] as const;

export const useRadar = () => useQuery({ queryKey: key, queryFn: () => api.get<RadarView>("/insight/radar") });

export function useSavePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (plan: RadarPlanInput) => api.put<RadarView>("/insight/radar/plan", plan),
    onSuccess: (data) => qc.setQueryData(key, data),
  });
}
