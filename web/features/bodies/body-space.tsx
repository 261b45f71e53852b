import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import type { BodySpace } from "../../../shared/api/spaces.js";
import { fileSize } from "../../../shared/file-size.js";
import { Card } from "../../components/card.js";
import { QueryState } from "../../components/query-state.js";
import { api } from "../../lib/api.js";
import type { BodyDetail } from "../../lib/api-types.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useChallenges } from "../challenges/api.js";
import { useMeetings } from "../meetings/api.js";
import { meetingWhen } from "../meetings/format.js";
import { BodyReferralsCard } from "../meetings/referral.js";
import { useNotices } from "../notices/api.js";
import { ContactCard } from "./contact-card.js";

const useSpace = (id: string) =>
  useQuery({ queryKey: ["bodies", "space", id], queryFn: () => api.get<BodySpace>(`/bodies/${id}/space`) });

function Meetings({ body }: { body: BodyDetail }) {
  const { t, locale } = useI18n();
  const query = useMeetings({ bodyId: body.id });
  const now = new Date().toISOString();
  return (
    <Card
      id="space-meetings"
      title={t("meetings.title")}
      actions={
        <Link className="link" to={`/meetings?body=${body.id}`}>
          {t("space.allMeetings")}
        </Link>
      }
    >
      <QueryState query={query}>
        {(d) => {
          const live = d.items.filter((m) => m.status !== "cancelled");
          const upcoming = live.filter((m) => m.endsAt >= now).slice(0, 5);
          const past = live
            .filter((m) => m.endsAt < now)
            .reverse()
            .slice(0, 5);
          const list = (items: typeof live, empty: string) =>
            items.length ? (
              <ul className="flex flex-col gap-1">
                {items.map((m) => (
                  <li key={m.id}>
                    <Link className="link" to={`/meetings/${m.id}`}>
                      {m.name}
                    </Link>
                    <span className="ml-2 text-dns-14N-130 text-solid-gray-700">{meetingWhen(m, locale)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{empty}</p>
            );
          return (
            <div className="grid gap-4 md:grid-cols-2">
              <div>
                <h3 className="mb-2 text-std-18B-160">{t("space.upcoming")}</h3>
                {list(upcoming, t("space.noUpcoming"))}
              </div>
              <div>
                <h3 className="mb-2 text-std-18B-160">{t("space.past")}</h3>
                {list(past, t("space.noPast"))}
              </div>
            </div>
          );
        }}
      </QueryState>
    </Card>
  );
}

function Materials({ space }: { space: BodySpace }) {
  const { t, locale } = useI18n();
  return (
    <Card id="space-materials" title={t("space.materials")}>
      {space.materials.length ? (
        <ul className="flex flex-col gap-1">
          {space.materials.slice(0, 15).map((m) => (
            <li key={m.id}>
              <a className="link" href={`/api/meetings/${m.meetingId}/materials/${m.id}/file`}>
                {m.label} {m.title}
              </a>
              <span className="ml-2 text-dns-14N-130 text-solid-gray-700">
                （{fileSize(m.size)}）{formatDate(m.startsAt, locale)} {m.meetingName}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("space.noMaterials")}</p>
      )}
    </Card>
  );
}

function Notices({ body }: { body: BodyDetail }) {
  const { t, locale } = useI18n();
  const query = useNotices({ bodyId: body.id, limit: 5 });
  return (
    <Card
      id="space-notices"
      title={t("space.notices")}
      actions={
        <Link className="link" to={`/notices?body=${body.id}`}>
          {t("space.allNotices")}
        </Link>
      }
    >
      <QueryState query={query}>
        {(d) =>
          d.items.length ? (
            <ul className="flex flex-col gap-1">
              {d.items.map((n) => (
                <li key={n.id}>
                  <Link className="link" to={`/notices/${n.id}`}>
                    {n.title}
                  </Link>
                  <span className="ml-2 text-dns-14N-130 text-solid-gray-700">
                    {formatDate(n.publishedAt ?? n.updatedAt, locale)}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("space.noNotices")}</p>
          )
        }
      </QueryState>
    </Card>
  );
}

function Challenges({ body }: { body: BodyDetail }) {
  const { t } = useI18n();
  const query = useChallenges({ bodyId: body.id, limit: 5 });
  return (
    <Card id="space-challenges" title={t("space.challenges")}>
      <QueryState query={query}>
        {(d) =>
          d.items.length ? (
            <ul className="flex flex-col gap-1">
              {d.items.map((c) => (
                <li key={c.id}>
                  <Link className="link" to={`/challenges/${c.id}`}>
                    {c.title}
                  </Link>
                  <span className="ml-2 text-dns-14N-130 text-solid-gray-700">{c.org.name}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("space.noChallenges")}</p>
          )
        }
      </QueryState>
    </Card>
  );
}

function Programmes({ space }: { space: BodySpace }) {
  const { t } = useI18n();
  return (
    <Card id="space-programmes" title={t("space.programmes")}>
      {space.programmes.length ? (
        <ul className="flex flex-col gap-3">
          {space.programmes.map((p) => (
            <li key={p.id} className="flex flex-col gap-1">
              <Link className="link" to={`/progress?programmeId=${p.id}`}>
                {p.name}
              </Link>
              <progress className="h-3 w-full max-w-md" max={100} value={p.meanPercent ?? 0} aria-label={p.name} />
              <span className="text-dns-14N-130">
                {t(p.completeAnyChannel == null ? "space.programmeFigures" : "space.onlineFigures", {
                  pct: p.meanPercent == null ? "—" : `${p.meanPercent}%`,
                  complete: p.complete,
                  any: p.completeAnyChannel ?? "",
                  total: p.municipalities,
                  reporting: p.reporting,
                  overdue: p.overdueRecords,
                })}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("space.noProgrammes")}</p>
      )}
    </Card>
  );
}

/** The body's space: everything about the body on its own page, each part from the API that owns it. */
export function BodySpaceSections({ body }: { body: BodyDetail }) {
  const { t } = useI18n();
  const space = useSpace(body.id);
  return (
    <div className="mt-8 flex flex-col gap-6">
      <Meetings body={body} />
      <QueryState query={space}>
        {(s) => (
          <div className="flex flex-col gap-6">
            <Materials space={s} />
            <Programmes space={s} />
          </div>
        )}
      </QueryState>
      <div className="grid gap-6 lg:grid-cols-2">
        <Notices body={body} />
        <Challenges body={body} />
      </div>
      <BodyReferralsCard bodyId={body.id} />
      <Card id="space-documents" title={t("space.documents")}>
        <p>
          <Link className="link" to={`/documents?area=${body.id}`}>
            {t("space.documentsLink")}
          </Link>
        </p>
      </Card>
      <ContactCard body={body} />
    </div>
  );
}
