import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../lib/api.js";
import { useI18n } from "../lib/i18n.js";

export const unreadCountKey = ["notifications", "unread-count"] as const;

/** The bell in the header: the unread count, polled every minute. */
export function NotificationBell() {
  const { t } = useI18n();
  const { data } = useQuery({
    queryKey: unreadCountKey,
    queryFn: () => api.get<{ count: number }>("/notifications/unread-count"),
    refetchInterval: 60_000,
  });
  const count = data?.count ?? 0;
  const label = count > 0 ? t("bell.unread", { count }) : t("bell.none");
  return (
    <Link
      to="/notifications"
      aria-label={label}
      title={label}
      className="relative inline-flex min-h-11 min-w-11 items-center justify-center rounded-8 text-solid-gray-800 hover:bg-solid-gray-50"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6" fill="currentColor">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
      </svg>
      {count > 0 && (
        <span
          aria-hidden="true"
          className="absolute -top-1 -right-1 min-w-6 rounded-full bg-error-2 px-1.5 text-center text-oln-14B-100 leading-6 text-white"
        >
          {count > 99 ? "99+" : count}
        </span>
      )}
    </Link>
  );
}
