import { useState } from "react";
import { Link } from "react-router";
import { challengeStatuses, challengeStatusLabels } from "../../../shared/api/challenges.js";
import { Badge } from "../../components/badge.js";
import { ButtonLink } from "../../components/button.js";
import { SelectField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { Pager } from "../../components/pager.js";
import { QueryState } from "../../components/query-state.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useChallenges, useThemes } from "./api.js";

const limit = 30;
const statusTone = { open: "orange", taken_up: "blue", resolved: "green" } as const;

export function ChallengeBoardPage() {
  const { t, label, locale } = useI18n();
  const [status, setStatus] = useState("");
  const [theme, setTheme] = useState("");
  const [sort, setSort] = useState("shares");
  const [offset, setOffset] = useState(0);
  const list = useChallenges({ status, theme, sort, limit, offset });
  const themes = useThemes();
  return (
    <>
      <PageHeader
        title={t("challenges.title")}
        description={t("challenges.lead")}
        actions={
          list.data?.abilities.canCreate && (
            <ButtonLink to="/challenges/new" variant="primary">
              {t("challenges.create")}
            </ButtonLink>
          )
        }
      />
      <div className="mb-6 grid grid-cols-1 items-end gap-4 sm:grid-cols-3">
        <SelectField
          label={t("challenges.sort")}
          value={sort}
          onChange={(e) => {
            setSort(e.target.value);
            setOffset(0);
          }}
          options={(["shares", "updated", "newest"] as const).map((s) => ({ value: s, label: t(`challenges.sort.${s}`) }))}
        />
        <SelectField
          label={t("challenges.status")}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value);
            setOffset(0);
          }}
          options={[
            { value: "", label: t("form.all") },
            ...challengeStatuses.map((s) => ({ value: s, label: label(challengeStatusLabels, s) })),
          ]}
        />
        <SelectField
          label={t("challenges.theme")}
          value={theme}
          onChange={(e) => {
            setTheme(e.target.value);
            setOffset(0);
          }}
          options={[
            { value: "", label: t("form.all") },
            ...(themes.data?.items ?? []).map((x) => ({ value: x.theme, label: `${x.theme}（${x.count}）` })),
          ]}
        />
      </div>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t("challenges.empty")}</p>
          ) : (
            <>
              <ul className="flex flex-col gap-3">
                {data.items.map((c) => (
                  <li key={c.id} className="flex gap-4 rounded-12 border border-solid-gray-300 bg-white p-4">
                    <p className="flex w-20 shrink-0 flex-col items-center justify-center rounded-8 bg-blue-50 p-2 text-center">
                      <span className="text-std-28B-150 text-blue-1000">{c.shareCount}</span>
                      <span className="text-dns-14N-130">{t("challenges.shareUnit")}</span>
                    </p>
                    <div className="flex min-w-0 flex-col gap-1">
                      <div className="flex flex-wrap gap-2">
                        <Badge tone={statusTone[c.status]}>{label(challengeStatusLabels, c.status)}</Badge>
                        {c.theme && <Badge>{c.theme}</Badge>}
                        {c.body && <Badge tone="blue">{c.body.name}</Badge>}
                        {c.sharedByMyOrg && <Badge tone="green">{t("challenges.sharedByMe")}</Badge>}
                      </div>
                      <h2 className="text-std-18B-160">
                        <Link to={`/challenges/${c.id}`} className="link">
                          {c.title}
                        </Link>
                      </h2>
                      <p className="text-dns-14N-130 text-solid-gray-700">
                        {t("challenges.postedBy", { org: c.org.name })}・{formatDate(c.createdAt, locale)}・
                        {t("challenges.comments", { count: c.commentCount })}・
                        {t("challenges.solutions", { count: c.solutionCount })}
                      </p>
                    </div>
                  </li>
                ))}
              </ul>
              <Pager offset={offset} limit={limit} total={data.total} onChange={setOffset} filtered={!!status || !!theme} />
            </>
          )
        }
      </QueryState>
    </>
  );
}
