import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, Navigate, useParams } from "react-router";
import type { DormantList } from "../../../shared/api/accounts.js";
import { useMe } from "../../app/session.js";
import { DataTable } from "../../components/data-table.js";
import { PageHeader } from "../../components/page-header.js";
import { Pager } from "../../components/pager.js";
import { QueryState } from "../../components/query-state.js";
import { api } from "../../lib/api.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import "./messages.js";
import { SessionList } from "./session-list.js";

type Dormant = DormantList["items"][number];
const limit = 50;

/** Accounts not used for ACCOUNT_DORMANT_DAYS days: the organisation's administrator sees its own, the system administrator all. */
export function DormantAccountsPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const [offset, setOffset] = useState(0);
  const dormant = useQuery({
    queryKey: ["accounts", "dormant", offset],
    queryFn: () => api.get<DormantList>("/accounts/dormant", { limit, offset }),
    enabled: !!me.abilities.reviewAccounts,
    placeholderData: (prev) => prev,
  });
  if (!me.abilities.reviewAccounts) return <Navigate to="/" replace />;
  return (
    <>
      <PageHeader title={t("dormant.title")} description={t("dormant.lead", { days: dormant.data?.days ?? "" })} />
      <QueryState query={dormant}>
        {(data) => (
          <>
            <DataTable<Dormant>
              caption={t("dormant.caption", { count: data.total })}
              rows={data.items}
              rowKey={(u) => u.id}
              empty={t("dormant.empty")}
              columns={[
                { key: "name", header: t("dormant.name"), cell: (u) => <Link to={`/users/${u.id}`}>{u.name}</Link> },
                { key: "email", header: t("users.email"), cell: (u) => <span className="break-all">{u.email}</span> },
                { key: "org", header: t("dormant.org"), cell: (u) => u.org.name },
                {
                  key: "seen",
                  header: t("dormant.lastSeen"),
                  cell: (u) =>
                    u.lastSeenAt
                      ? formatDate(u.lastSeenAt, locale)
                      : t("dormant.never", { date: formatDate(u.createdAt, locale) }),
                },
                {
                  key: "sessions",
                  header: t("dormant.sessions"),
                  cell: (u) => (
                    <Link to={`/admin/accounts/${u.id}/sessions`} aria-label={`${u.name}：${t("dormant.sessions")}`}>
                      {t("dormant.sessions")}
                    </Link>
                  ),
                },
              ]}
            />
            <Pager offset={offset} limit={limit} total={data.total} onChange={setOffset} />
          </>
        )}
      </QueryState>
    </>
  );
}

/** One user's signed-in devices, for the user, their organisation's administrator or the system administrator. */
export function UserSessionsPage() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  const user = useQuery({ queryKey: ["users", "one", id], queryFn: () => api.get<{ name: string }>(`/users/${id}`) });
  return (
    <>
      <PageHeader title={t("sessions.title", { name: user.data?.name ?? "" })} />
      <SessionList userId={id} />
    </>
  );
}
