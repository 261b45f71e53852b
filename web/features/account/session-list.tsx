import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SessionItem } from "../../../shared/api/accounts.js";
import { FormError } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Button } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { api } from "../../lib/api.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import "./messages.js";

const key = (userId: string) => ["sessions", userId] as const;

/** A user's signed-in devices, each but the current one with a button that signs it out (accounts hygiene). */
export function SessionList({ userId }: { userId: string }) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const toast = useToast();
  const sessions = useQuery({
    queryKey: key(userId),
    queryFn: () => api.get<{ items: SessionItem[]; total: number }>(`/users/${userId}/sessions`),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/users/${userId}/sessions/${id}`),
    onSuccess: () => {
      toast.show(t("sessions.revoked"));
      return qc.invalidateQueries({ queryKey: key(userId) });
    },
  });
  return (
    <QueryState query={sessions}>
      {(data) => (
        <>
          <FormError error={revoke.error} />
          <DataTable<SessionItem>
            caption={t("sessions.caption", { count: data.total })}
            rows={data.items}
            rowKey={(s) => s.id}
            empty={t("sessions.empty")}
            columns={[
              { key: "created", header: t("sessions.created"), cell: (s) => formatDateTime(s.createdAt, locale) },
              { key: "seen", header: t("sessions.lastSeen"), cell: (s) => formatDateTime(s.lastSeenAt, locale) },
              {
                key: "device",
                header: t("sessions.device"),
                cell: (s) => <span className="line-clamp-2 max-w-64 break-all">{s.userAgent ?? "—"}</span>,
              },
              { key: "ip", header: t("sessions.ip"), cell: (s) => s.ip ?? "—" },
              { key: "method", header: t("sessions.method"), cell: (s) => s.provider ?? t("sessions.password") },
              {
                key: "action",
                header: <span className="sr-only">{t("sessions.revoke")}</span>,
                cell: (s) =>
                  s.current ? (
                    <Badge tone="blue">{t("sessions.current")}</Badge>
                  ) : (
                    <Button
                      variant="secondary"
                      size="sm"
                      busy={revoke.isPending && revoke.variables === s.id}
                      onClick={() => revoke.mutate(s.id)}
                      aria-label={`${t("sessions.revoke")}（${formatDateTime(s.createdAt, locale)}）`}
                    >
                      {t("sessions.revoke")}
                    </Button>
                  ),
              },
            ]}
          />
        </>
      )}
    </QueryState>
  );
}
