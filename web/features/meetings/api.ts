import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  actionInput,
  actionItem,
  actionPatch,
  agendaItem,
  attendanceInput,
  attendanceList,
  ChildReports,
  feedStatus,
  meeting,
  meetingDetail,
  meetingInput,
  meetingPatch,
  minutesInput,
  minutesView,
  proposalInput,
} from "../../../shared/api/meetings.js";
import { PAGE_MAX } from "../../../shared/api/paging.js";
import { api, type Query } from "../../lib/api.js";
import type { ListOf } from "../../lib/api-types.js";

export type Meeting = z.infer<typeof meeting>;
export type { ChildReports };
export type MeetingDetail = z.infer<typeof meetingDetail>;
export type AgendaItem = z.infer<typeof agendaItem>;
export type AttendanceList = z.infer<typeof attendanceList>;
export type MinutesView = z.infer<typeof minutesView>;
export type ActionItem = z.infer<typeof actionItem>;
export type MeetingInput = z.input<typeof meetingInput>;
export type MeetingPatch = z.input<typeof meetingPatch>;
export type ProposalInput = z.input<typeof proposalInput>;
export type AttendanceInput = z.input<typeof attendanceInput>;
export type MinutesInput = z.input<typeof minutesInput>;
export type ActionInput = z.input<typeof actionInput>;
export type ActionPatch = z.input<typeof actionPatch>;

export const meetingKeys = {
  all: ["meetings"] as const,
  list: (q: Query) => ["meetings", "list", q] as const,
  one: (id: string) => ["meetings", "one", id] as const,
  attendance: (id: string) => ["meetings", "attendance", id] as const,
  minutes: (id: string) => ["meetings", "minutes", id] as const,
  backlog: (id: string) => ["meetings", "backlog", id] as const,
  childReports: (id: string) => ["meetings", "child-reports", id] as const,
  actions: (q: Query) => ["action-items", q] as const,
  feed: ["calendar-feed"] as const,
};

export const useMeetings = (q: Query = {}) =>
  useQuery({ queryKey: meetingKeys.list(q), queryFn: () => api.get<ListOf<Meeting>>("/meetings", { limit: PAGE_MAX, ...q }) });
export const useMeeting = (id: string) =>
  useQuery({ queryKey: meetingKeys.one(id), queryFn: () => api.get<MeetingDetail>(`/meetings/${id}`) });
export const useAttendance = (id: string) =>
  useQuery({ queryKey: meetingKeys.attendance(id), queryFn: () => api.get<AttendanceList>(`/meetings/${id}/attendance`) });
export const useMinutes = (id: string) =>
  useQuery({ queryKey: meetingKeys.minutes(id), queryFn: () => api.get<MinutesView>(`/meetings/${id}/minutes`) });
export const useBacklog = (id: string, enabled: boolean) =>
  useQuery({ queryKey: meetingKeys.backlog(id), enabled, queryFn: () => api.get<ListOf<AgendaItem>>(`/meetings/${id}/backlog`) });
export const useChildReports = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: meetingKeys.childReports(id),
    enabled,
    queryFn: () => api.get<ChildReports>(`/meetings/${id}/child-reports`),
  });
export const useActionItems = (q: Query) =>
  useQuery({
    queryKey: meetingKeys.actions(q),
    queryFn: () => api.get<ListOf<ActionItem>>("/action-items", { limit: PAGE_MAX, ...q }),
  });
export const useFeedStatus = () =>
  useQuery({ queryKey: meetingKeys.feed, queryFn: () => api.get<z.infer<typeof feedStatus>>("/calendar/feed") });

/** A change to a meeting answers with the whole meeting: store it, refresh lists. */
export function useMeetingMutation<V>(id: string, fn: (v: V) => Promise<MeetingDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (m) => {
      qc.setQueryData(meetingKeys.one(m.id), m);
      qc.invalidateQueries({ queryKey: ["meetings", "list"] });
      qc.invalidateQueries({ queryKey: meetingKeys.backlog(id) });
    },
  });
}

export const useCreateMeeting = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: MeetingInput) => api.post<MeetingDetail>("/meetings", input),
    onSuccess: (m) => {
      qc.setQueryData(meetingKeys.one(m.id), m);
      qc.invalidateQueries({ queryKey: ["meetings", "list"] });
    },
  });
};

export { api };
