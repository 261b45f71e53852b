import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { ChallengeDetail, challengeInput, challengeList, themeList } from "../../../shared/api/challenges.js";
import { PAGE_MAX } from "../../../shared/api/paging.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { api, type Query } from "../../lib/api.js";

export type ChallengeList = z.infer<typeof challengeList>;
export type ChallengeInput = z.input<typeof challengeInput>;

const challengeKeys = {
  all: ["challenges"] as const,
  list: (q: Query) => ["challenges", "list", q] as const,
  one: (id: string) => ["challenges", "one", id] as const,
  themes: ["challenges", "themes"] as const,
};

export const useChallenges = (q: Query) =>
  useQuery({ queryKey: challengeKeys.list(q), queryFn: () => api.get<ChallengeList>("/challenges", q) });
export const useChallenge = (id: string) =>
  useQuery({ queryKey: challengeKeys.one(id), queryFn: () => api.get<ChallengeDetail>(`/challenges/${id}`) });
export const useThemes = () =>
  useQuery({ queryKey: challengeKeys.themes, queryFn: () => api.get<z.infer<typeof themeList>>("/challenges/themes") });

/** Every change answers with the challenge; the board's counts and order are refreshed too. */
function useChallengeMutation<V>(id: string, fn: (v: V) => Promise<ChallengeDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (c) => {
      qc.setQueryData(challengeKeys.one(id), c);
      qc.invalidateQueries({ queryKey: ["challenges", "list"] });
    },
  });
}

export function useSaveChallenge(id?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ChallengeInput) =>
      id ? api.patch<ChallengeDetail>(`/challenges/${id}`, input) : api.post<ChallengeDetail>("/challenges", input),
    onSuccess: (c) => {
      qc.setQueryData(challengeKeys.one(c.id), c);
      qc.invalidateQueries({ queryKey: challengeKeys.all });
    },
  });
}

export const useShare = (id: string) =>
  useChallengeMutation(id, (note: string) => api.post<ChallengeDetail>(`/challenges/${id}/shares`, { note }));
export const useUnshare = (id: string) =>
  useChallengeMutation(id, () => api.delete<ChallengeDetail>(`/challenges/${id}/shares/mine`));
export const useComment = (id: string) =>
  useChallengeMutation(id, (v: { kind: "comment" | "solution"; bodyMd: string }) =>
    api.post<ChallengeDetail>(`/challenges/${id}/comments`, v),
  );
export const useDeleteComment = (id: string) =>
  useChallengeMutation(id, (commentId: string) => api.delete<ChallengeDetail>(`/challenges/${id}/comments/${commentId}`));
export const useSetStatus = (id: string) =>
  useChallengeMutation(id, (v: { status: string; resolution?: string }) =>
    api.post<ChallengeDetail>(`/challenges/${id}/status`, v),
  );
export const useUploadChallengeFiles = (id: string) =>
  useChallengeMutation(id, (form: FormData) => api.postForm<ChallengeDetail>(`/challenges/${id}/attachments`, form));
export const useRemoveChallengeFile = (id: string) =>
  useChallengeMutation(id, (attachmentId: string) =>
    api.delete<ChallengeDetail>(`/challenges/${id}/attachments/${attachmentId}`),
  );
export const useLinkMeeting = (id: string) =>
  useChallengeMutation(id, (meetingId: string) => api.post<ChallengeDetail>(`/challenges/${id}/agenda`, { meetingId }));

/** Upcoming meetings the secretariat may propose the challenge to (the meetings module decides what is open). */
export const useUpcomingMeetings = (enabled: boolean) =>
  useQuery({
    queryKey: ["meetings", "upcoming-for-challenges"],
    queryFn: () =>
      api.get<{ items: { id: string; name: string; startsAt: string; status: string }[] }>("/meetings", {
        limit: PAGE_MAX,
        from: jstDate(),
      }),
    enabled,
  });
