import { Link } from "react-router";
import { Card } from "../../components/card.js";
import { QueryState } from "../../components/query-state.js";
import type { Me } from "../../lib/api-types.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useNotices } from "./api.js";
import { NoticeBadges } from "./notice-badges.js";

/** Home page card: pinned and newest notices, with the unread and required marks. */
export function LatestNoticesCard({ headingId }: { me: Me; headingId: string }) {
  const { t, locale } = useI18n();
  const notices = useNotices({ status: "active", limit: 5, offset: 0 });
  return (
    <Card
      id={headingId}
      title={t("notices.homeTitle")}
      actions={
        <Link to="/notices" className="link">
          {t("notices.all")}
        </Link>
      }
    >
      <QueryState query={notices}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t("notices.empty")}</p>
          ) : (
            <ul className="divide-y divide-solid-gray-200">
              {data.items.map((n) => (
                <li key={n.id} className="flex flex-col gap-1 py-2">
                  <NoticeBadges n={n} />
                  <Link to={`/notices/${n.id}`} className="link">
                    {n.title}
                  </Link>
                  <span className="text-dns-14N-130 text-solid-gray-700">{formatDate(n.publishedAt, locale)}</span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Card>
  );
}
