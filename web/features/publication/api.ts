import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  PublicationInput,
  PublicationPreview,
  PublicationState,
  programmeDisclosure,
} from "../../../shared/api/publication.js";
import { api } from "../../lib/api.js";
import type { ListOf } from "../../lib/api-types.js";

export type ProgrammeDisclosure = z.infer<typeof programmeDisclosure>;

const publicationKeys = {
  meeting: (id: string) => ["publication", "meeting", id] as const,
  programmes: ["publication", "programmes"] as const,
};

export const usePublication = (meetingId: string) =>
  useQuery({
    queryKey: publicationKeys.meeting(meetingId),
    queryFn: () => api.get<PublicationState>(`/meetings/${meetingId}/publication`),
  });

export const usePreview = (meetingId: string) =>
  useMutation({
    mutationFn: (input: PublicationInput) => api.post<PublicationPreview>(`/meetings/${meetingId}/publication/preview`, input),
  });

export function useApply(meetingId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: PublicationInput & { acceptFindings: boolean }) =>
      api.put<PublicationState>(`/meetings/${meetingId}/publication`, input),
    onSuccess: (s) => qc.setQueryData(publicationKeys.meeting(meetingId), s),
  });
}

export const useProgrammeDisclosure = () =>
  useQuery({
    queryKey: publicationKeys.programmes,
    queryFn: () => api.get<ListOf<ProgrammeDisclosure>>("/publication/programmes"),
  });

export function useSetProgrammeDisclosure() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, level }: { id: string; level: ProgrammeDisclosure["level"] }) =>
      api.put<ProgrammeDisclosure>(`/publication/programmes/${id}`, { level }),
    onSuccess: () => qc.invalidateQueries({ queryKey: publicationKeys.programmes }),
  });
}
