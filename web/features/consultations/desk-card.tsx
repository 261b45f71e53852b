import { Link } from "react-router";
import { consultationStatusLabels } from "../../../shared/api/consultations.js";
import { Card } from "../../components/card.js";
import { QueryState } from "../../components/query-state.js";
import type { Me } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { useQueue } from "./api.js";
import { SlaBadge } from "./sla-badge.js";

const staffRoles = ["admin", "secretariat", "specialist"];

/** Home: the open consultations with the nearest due dates (staff: the desk; a municipality: its own). */
export function DeskCard({ me, headingId }: { me: Me; headingId: string }) {
  const { t, label } = useI18n();
  const staff = staffRoles.includes(me.user.role);
  const open = useQueue({ status: "open", sort: "due", limit: 5, offset: 0 });
  const overdue = useQueue({ due: "overdue", limit: 1, offset: 0 });
  return (
    <Card
      id={headingId}
      title={staff ? t("desk.title") : t("desk.titleOwn")}
      actions={
        <Link to={staff ? "/consultations" : "/consultations/new"} className="link">
          {staff ? t("desk.home.all") : t("desk.new")}
        </Link>
      }
    >
      <QueryState query={open}>
        {(data) => (
          <>
            <p>
              {t("desk.home.open", { count: data.total })}
              {(overdue.data?.total ?? 0) > 0 && (
                <strong className="ml-2 text-error-2">{t("desk.home.overdue", { count: overdue.data!.total })}</strong>
              )}
            </p>
            {data.items.length > 0 && (
              <ul className="divide-y divide-solid-gray-200">
                {data.items.map((c) => (
                  <li key={c.id} className="flex flex-col gap-1 py-2">
                    <Link to={`/consultations/${c.id}`} className="link">
                      {c.subject}
                    </Link>
                    <span className="flex flex-wrap items-center gap-2 text-dns-14N-130">
                      {staff && <span>{c.org.name}</span>}
                      <span>{label(consultationStatusLabels, c.status)}</span>
                      <SlaBadge
                        sla={
                          c.firstResponse.state === "met" || c.firstResponse.state === "missed" ? c.resolution : c.firstResponse
                        }
                        compact
                      />
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </QueryState>
    </Card>
  );
}
