import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReviewState } from "../../../shared/api/minutes-review.js";
import { api } from "../../lib/api.js";

const key = (meetingId: string) => ["minutes-review", meetingId] as const;

export const useReview = (meetingId: string) =>
  useQuery({ queryKey: key(meetingId), queryFn: () => api.get<ReviewState>(`/meetings/${meetingId}/minutes/review`) });

/** Every change answers with the meeting's whole review state; the minutes themselves may have changed too. */
export function useReviewMutation<V>(meetingId: string, fn: (v: V) => Promise<ReviewState>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (s) => {
      qc.setQueryData(key(meetingId), s);
      qc.invalidateQueries({ queryKey: ["meetings", "minutes", meetingId] });
    },
  });
}
export { api };
