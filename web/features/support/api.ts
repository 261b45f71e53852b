import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  EngagementDetail,
  engagementInput,
  engagementList,
  engagementPatch,
  sessionInput,
  timeTotals,
  workload,
} from "../../../shared/api/support.js";
import { api, type Query } from "../../lib/api.js";

export type { EngagementDetail };
export type EngagementList = z.infer<typeof engagementList>;
export type EngagementInput = z.input<typeof engagementInput>;
export type EngagementPatch = z.input<typeof engagementPatch>;
export type SessionInput = z.input<typeof sessionInput>;
export type Workload = z.infer<typeof workload>;

const keys = {
  list: (q: Query) => ["support", "list", q] as const,
  one: (id: string) => ["support", "one", id] as const,
  workload: ["support", "workload"] as const,
};

export const useEngagements = (q: Query) =>
  useQuery({ queryKey: keys.list(q), queryFn: () => api.get<EngagementList>("/support/engagements", q) });
export const useEngagement = (id: string) =>
  useQuery({ queryKey: keys.one(id), queryFn: () => api.get<EngagementDetail>(`/support/engagements/${id}`), retry: false });
export type TimeTotals = z.infer<typeof timeTotals>;
/** Minutes logged in a month ("YYYY-MM"), per specialist and per town. */
export const useTimeTotals = (month: string) =>
  useQuery({ queryKey: ["support", "time", month], queryFn: () => api.get<TimeTotals>("/support/time", { month }) });
export const useWorkload = () => useQuery({ queryKey: keys.workload, queryFn: () => api.get<Workload>("/support/workload") });

function useEngagementMutation<V>(fn: (v: V) => Promise<EngagementDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (e) => {
      qc.setQueryData(keys.one(e.id), e);
      qc.invalidateQueries({ queryKey: ["support", "list"] });
      qc.invalidateQueries({ queryKey: keys.workload });
    },
  });
}

export const useCreateEngagement = () =>
  useEngagementMutation((input: EngagementInput) => api.post<EngagementDetail>("/support/engagements", input));
export const useUpdateEngagement = (id: string) =>
  useEngagementMutation((patch: EngagementPatch) => api.patch<EngagementDetail>(`/support/engagements/${id}`, patch));
export const useLogSession = (id: string) =>
  useEngagementMutation((input: SessionInput) => api.post<EngagementDetail>(`/support/engagements/${id}/sessions`, input));
export const useToggleStep = (id: string) =>
  useEngagementMutation(({ stepId, done }: { stepId: string; done: boolean }) =>
    api.patch<EngagementDetail>(`/support/engagements/${id}/steps/${stepId}`, { done }),
  );
export const useComment = (id: string) =>
  useEngagementMutation((body: string) => api.post<EngagementDetail>(`/support/engagements/${id}/comments`, { body }));
