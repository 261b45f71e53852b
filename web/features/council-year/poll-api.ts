import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { PollDetail, PollSummary, pollAnswerInput, pollInput } from "../../../shared/api/date-polls.js";
import { api } from "../../lib/api.js";
import type { ListOf } from "../../lib/api-types.js";

export type PollInput = z.input<typeof pollInput>;
export type PollAnswerInput = z.input<typeof pollAnswerInput>;

const keys = { list: ["date-polls", "list"] as const, one: (id: string) => ["date-polls", "one", id] as const };

export const usePolls = () => useQuery({ queryKey: keys.list, queryFn: () => api.get<ListOf<PollSummary>>("/date-polls") });
export const usePoll = (id: string) =>
  useQuery({ queryKey: keys.one(id), queryFn: () => api.get<PollDetail>(`/date-polls/${id}`) });

/** Every change answers with the whole poll. */
function usePollMutation<V>(fn: (v: V) => Promise<PollDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (p) => {
      qc.setQueryData(keys.one(p.id), p);
      qc.invalidateQueries({ queryKey: keys.list });
    },
  });
}

export const useCreatePoll = () => usePollMutation((input: PollInput) => api.post<PollDetail>("/date-polls", input));
export const useAnswerPoll = (id: string, orgId: string) =>
  usePollMutation((input: PollAnswerInput) => api.put<PollDetail>(`/date-polls/${id}/answers/${orgId}`, input));
export const useDecidePoll = (id: string) =>
  usePollMutation((candidateId: string) => api.post<PollDetail>(`/date-polls/${id}/decide`, { candidateId }));
