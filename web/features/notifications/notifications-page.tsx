import "./messages.js";
import { Link, useNavigate, useSearchParams } from "react-router";
import { categoryLabels } from "../../../shared/api/notifications.js";
import { FormError } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Button } from "../../components/button.js";
import { PageHeader } from "../../components/page-header.js";
import { Pager } from "../../components/pager.js";
import { QueryState } from "../../components/query-state.js";
import { RadioGroup } from "../../components/radio-group.js";
import { useToast } from "../../components/toast.js";
import type { Notification } from "../../lib/api-types.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useMarkRead, useNotifications } from "./api.js";

const limit = 30;

export function NotificationsPage() {
  const { t, label, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const toast = useToast();
  const unreadOnly = params.get("unread") === "true";
  const offset = Number(params.get("offset") ?? 0) || 0;
  const list = useNotifications({ unread: unreadOnly ? "true" : undefined, limit, offset });
  const mark = useMarkRead();

  const go = (unread: boolean, nextOffset = 0) => {
    const p = new URLSearchParams();
    if (unread) p.set("unread", "true");
    if (nextOffset) p.set("offset", String(nextOffset));
    setParams(p);
  };
  const open = (n: Notification) => {
    if (!n.link) return;
    if (!n.readAt) mark.mutate(n.id);
    navigate(n.link);
  };

  return (
    <>
      <PageHeader
        title={t("notifications.title")}
        actions={
          <Button
            variant="secondary"
            busy={mark.isPending && mark.variables === "all"}
            onClick={() => mark.mutate("all", { onSuccess: () => toast.show(t("notifications.allRead")) })}
          >
            {t("notifications.markAll")}
          </Button>
        }
      />
      <div className="mb-4">
        <RadioGroup<"all" | "unread">
          legend={t("notifications.show")}
          name="show"
          inline
          value={unreadOnly ? "unread" : "all"}
          onChange={(v) => go(v === "unread")}
          options={[
            { value: "all", label: t("form.all") },
            { value: "unread", label: t("notifications.unreadOnly") },
          ]}
        />
      </div>
      <FormError error={mark.error} />
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="rounded-8 bg-solid-gray-50 px-4 py-6">{t("notifications.empty")}</p>
          ) : (
            <>
              <ul className="flex flex-col gap-3">
                {data.items.map((n) => (
                  <li
                    key={n.id}
                    className={`rounded-12 border p-4 ${n.readAt ? "border-solid-gray-300" : "border-blue-900 bg-blue-50"}`}
                  >
                    <div className="mb-1 flex flex-wrap items-center gap-2">
                      {!n.readAt && <Badge tone="red">{t("notifications.unread")}</Badge>}
                      <Badge>{label(categoryLabels, n.category)}</Badge>
                      <span className="text-dns-14N-130 text-solid-gray-700">{formatDateTime(n.createdAt, locale)}</span>
                    </div>
                    <h2 className={n.readAt ? "text-std-16N-170" : "text-std-16B-170"}>
                      {n.link ? (
                        <Link
                          to={n.link}
                          className="link"
                          onClick={(e) => {
                            e.preventDefault();
                            open(n);
                          }}
                        >
                          {n.title}
                        </Link>
                      ) : (
                        n.title
                      )}
                    </h2>
                    {n.body && <p className="mt-1 whitespace-pre-wrap text-std-16N-170">{n.body}</p>}
                    {!n.readAt && (
                      <Button variant="text" size="sm" className="mt-2" onClick={() => mark.mutate(n.id)}>
                        {t("notifications.markRead")}
                        <span className="sr-only">：{n.title}</span>
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
              <Pager offset={offset} limit={limit} total={data.total ?? data.items.length} onChange={(o) => go(unreadOnly, o)} />
            </>
          )
        }
      </QueryState>
    </>
  );
}
