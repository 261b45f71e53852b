import { useState } from "react";
import { Link } from "react-router";
import { noticeCategories, noticeCategoryLabels, noticeStatusLabels } from "../../../shared/api/notices.js";
import { ButtonLink } from "../../components/button.js";
import { CheckboxField, SelectField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { Pager } from "../../components/pager.js";
import { QueryState } from "../../components/query-state.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { BodyFilterField, useBodyFilter } from "../bodies/body-filter.js";
import { useNotices } from "./api.js";
import { NoticeBadges } from "./notice-badges.js";

const limit = 30;

export function NoticeListPage() {
  const { t, label, locale } = useI18n();
  const [category, setCategory] = useState("");
  const [status, setStatus] = useState("active");
  const [unread, setUnread] = useState(false);
  const [offset, setOffset] = useState(0);
  const [bodyId, setBodyId] = useBodyFilter();
  const notices = useNotices({
    category,
    status,
    bodyId: bodyId || undefined,
    unread: unread ? "true" : undefined,
    limit,
    offset,
  });
  const canCreate = notices.data?.abilities.canCreate ?? false;
  const statuses = [
    { value: "active", label: t("notices.statusActive") },
    { value: "archived", label: label(noticeStatusLabels, "archived") },
    ...(canCreate ? (["draft", "scheduled"] as const).map((s) => ({ value: s, label: label(noticeStatusLabels, s) })) : []),
  ];
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setOffset(0);
    };
  return (
    <>
      <PageHeader
        title={t("notices.title")}
        description={t("notices.lead")}
        actions={
          canCreate && (
            <ButtonLink to="/notices/new" variant="primary">
              {t("notices.create")}
            </ButtonLink>
          )
        }
      />
      <div className="mb-6 grid grid-cols-1 items-end gap-4 sm:grid-cols-4">
        <BodyFilterField value={bodyId} onChange={reset(setBodyId)} />
        <SelectField
          label={t("notices.category")}
          value={category}
          onChange={(e) => reset(setCategory)(e.target.value)}
          options={[
            { value: "", label: t("form.all") },
            ...noticeCategories.map((c) => ({ value: c, label: label(noticeCategoryLabels, c) })),
          ]}
        />
        <SelectField
          label={t("notices.status")}
          value={status}
          onChange={(e) => reset(setStatus)(e.target.value)}
          options={statuses}
        />
        <CheckboxField label={t("notices.unreadOnly")} checked={unread} onChange={(e) => reset(setUnread)(e.target.checked)} />
      </div>
      <QueryState query={notices}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t("notices.empty")}</p>
          ) : (
            <>
              <ul className="flex flex-col gap-3">
                {data.items.map((n) => (
                  <li key={n.id} className="rounded-12 border border-solid-gray-300 bg-white p-4">
                    <NoticeBadges n={n} />
                    <h2 className="mt-1 text-std-18B-160">
                      <Link to={`/notices/${n.id}`} className="link">
                        {n.title}
                      </Link>
                    </h2>
                    <p className="text-dns-14N-130 text-solid-gray-700">
                      {n.status === "scheduled" && n.publishAt
                        ? t("notices.scheduledFor", { at: formatDate(n.publishAt, locale) })
                        : formatDate(n.publishedAt ?? n.updatedAt, locale)}
                      {n.body && `・${n.body.name}`}
                      {n.attachmentCount > 0 && `・${t("attachments.title")} ${n.attachmentCount}`}
                    </p>
                  </li>
                ))}
              </ul>
              <Pager
                offset={offset}
                limit={limit}
                total={data.total}
                onChange={setOffset}
                filtered={!!category || unread || status !== "active"}
              />
            </>
          )
        }
      </QueryState>
    </>
  );
}
