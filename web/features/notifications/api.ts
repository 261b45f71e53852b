import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { unreadCountKey } from "../../app/notification-bell.js";
import { api } from "../../lib/api.js";
import type { ListOf, Notification } from "../../lib/api-types.js";

export interface NotificationQuery {
  unread?: "true";
  limit: number;
  offset: number;
}

export const useNotifications = (q: NotificationQuery) =>
  useQuery({
    queryKey: ["notifications", "list", q],
    queryFn: () => api.get<ListOf<Notification>>("/notifications", { ...q }),
    placeholderData: (prev) => prev,
  });

/** Marks one ("id") or every notification read, then refreshes the lists and the bell. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string | "all") => api.post(id === "all" ? "/notifications/read-all" : `/notifications/${id}/read`),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ["notifications"] });
      qc.invalidateQueries({ queryKey: unreadCountKey });
    },
  });
}
