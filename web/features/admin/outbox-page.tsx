import { useQuery } from "@tanstack/react-query";
import { Navigate, useSearchParams } from "react-router";
import { useMe } from "../../app/session.js";
import { Badge, type BadgeTone } from "../../components/badge.js";
import { DataTable } from "../../components/data-table.js";
import { PageHeader } from "../../components/page-header.js";
import { Pager } from "../../components/pager.js";
import { QueryState } from "../../components/query-state.js";
import { api } from "../../lib/api.js";
import type { ListOf, OutboxItem } from "../../lib/api-types.js";
import { formatCompactDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";

const limit = 50;
const tones: Record<OutboxItem["status"], BadgeTone> = { pending: "blue", sent: "green", failed: "red", held: "orange" };

/** Mail the platform sent or holds (without SMTP, mail stays here for the administrator to read). */
export function OutboxPage() {
  const { t } = useI18n();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const offset = Number(params.get("offset") ?? 0) || 0;
  const outbox = useQuery({
    queryKey: ["mail", "outbox", offset],
    queryFn: () => api.get<ListOf<OutboxItem>>("/mail/outbox", { limit, offset }),
    enabled: !!me.abilities.viewOutbox,
    placeholderData: (prev) => prev,
  });
  if (!me.abilities.viewOutbox) return <Navigate to="/" replace />;
  return (
    <>
      <PageHeader title={t("nav.outbox")} description={t("outbox.lead")} />
      <QueryState query={outbox}>
        {(data) => (
          <>
            <DataTable<OutboxItem>
              caption={t("outbox.count", { count: data.total ?? data.items.length })}
              rows={data.items}
              rowKey={(m) => m.id}
              empty={t("outbox.empty")}
              columns={[
                {
                  key: "at",
                  header: t("outbox.createdAt"),
                  cell: (m) => formatCompactDateTime(m.createdAt),
                  className: "whitespace-nowrap",
                },
                { key: "to", header: t("outbox.to"), cell: (m) => <span className="break-all">{m.to}</span> },
                {
                  key: "subject",
                  header: t("outbox.subject"),
                  cell: (m) => (
                    <details>
                      <summary className="link cursor-pointer">{m.subject}</summary>
                      <pre className="mt-2 max-w-xl font-sans text-dns-14N-130 whitespace-pre-wrap break-all">{m.text}</pre>
                    </details>
                  ),
                },
                {
                  key: "status",
                  header: t("outbox.status"),
                  cell: (m) => (
                    <>
                      <Badge tone={tones[m.status]}>{t(`outbox.${m.status}`)}</Badge>
                      {m.lastError && <span className="mt-1 block text-dns-14N-130 text-error-2">{m.lastError}</span>}
                    </>
                  ),
                },
                { key: "attempts", header: t("outbox.attempts"), numeric: true, cell: (m) => m.attempts },
              ]}
            />
            <Pager
              offset={offset}
              limit={limit}
              total={data.total ?? data.items.length}
              onChange={(o) => setParams(o ? { offset: String(o) } : {})}
            />
          </>
        )}
      </QueryState>
    </>
  );
}
