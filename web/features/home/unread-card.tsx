import { Link } from "react-router";
import { Card } from "../../components/card.js";
import { QueryState } from "../../components/query-state.js";
import type { Me } from "../../lib/api-types.js";
import { formatDateTime } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useNotifications } from "../notifications/api.js";

export function UnreadCard({ headingId }: { me: Me; headingId: string }) {
  const { t, locale } = useI18n();
  const unread = useNotifications({ unread: "true", limit: 5, offset: 0 });
  return (
    <Card
      id={headingId}
      title={t("home.unread")}
      actions={
        <Link to="/notifications" className="link">
          {t("home.allNotifications")}
        </Link>
      }
    >
      <QueryState query={unread}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t("home.noUnread")}</p>
          ) : (
            <ul className="divide-y divide-solid-gray-200">
              {data.items.map((n) => (
                <li key={n.id} className="py-2">
                  {n.link ? (
                    <Link to={n.link} className="link">
                      {n.title}
                    </Link>
                  ) : (
                    <span className="text-std-16B-170">{n.title}</span>
                  )}
                  <span className="block text-dns-14N-130 text-solid-gray-700">{formatDateTime(n.createdAt, locale)}</span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Card>
  );
}
