import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { faqCategories, faqCategoryLabels, faqStatusLabels } from "../../../shared/api/faq.js";
import { Badge } from "../../components/badge.js";
import { ButtonLink, buttonClass } from "../../components/button.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { Pager } from "../../components/pager.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useCreateFaq, useFaqList } from "./api.js";
import { FaqForm } from "./faq-form.js";

const limit = 30;

/** The shared FAQ: published articles for every member; drafts too for prefecture staff. */
export function FaqListPage() {
  const { t, label, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get("q") ?? "");
  const offset = Number(params.get("offset") ?? 0);
  const list = useFaqList({ q: params.get("q") ?? undefined, category: params.get("category") ?? undefined, limit, offset });
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete("offset");
    setParams(next);
  };
  return (
    <>
      <PageHeader
        title={t("faq.title")}
        description={t("faq.lead")}
        actions={
          list.data?.abilities.canCreate && (
            <ButtonLink to="/faq/new" variant="primary">
              {t("faq.new")}
            </ButtonLink>
          )
        }
      />
      <form
        className="mb-6 flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          set("q", q.trim());
        }}
      >
        <TextField label={t("faq.search")} value={q} onChange={(e) => setQ(e.target.value)} className="min-w-64 flex-1" />
        <SelectField
          label={t("desk.category")}
          value={params.get("category") ?? ""}
          onChange={(e) => set("category", e.target.value)}
          options={[
            { value: "", label: t("form.all") },
            ...faqCategories.map((c) => ({ value: c, label: label(faqCategoryLabels, c) })),
          ]}
        />
        <button type="submit" className={buttonClass("secondary")}>
          {t("action.search")}
        </button>
      </form>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t("faq.empty")}</p>
          ) : (
            <>
              <ul className="flex flex-col gap-3">
                {data.items.map((a) => (
                  <li key={a.id} className="rounded-12 border border-solid-gray-300 bg-white p-4">
                    <p className="mb-1 flex flex-wrap gap-2">
                      <Badge tone="blue">{label(faqCategoryLabels, a.category)}</Badge>
                      {a.status === "draft" && <Badge tone="orange">{label(faqStatusLabels, a.status)}</Badge>}
                      {a.publishedAt && (
                        <span className="text-dns-14N-130 text-solid-gray-700">
                          {t("faq.published")}：{formatDate(a.publishedAt, locale)}
                        </span>
                      )}
                    </p>
                    <h2 className="text-std-18B-160">
                      <Link to={`/faq/${a.id}`} className="link">
                        {a.question}
                      </Link>
                    </h2>
                    <p className="text-dns-16N-130 text-solid-gray-700">{a.excerpt}</p>
                  </li>
                ))}
              </ul>
              <Pager
                offset={offset}
                limit={limit}
                total={data.total}
                filtered={params.has("q") || params.has("category")}
                onChange={(o) => setParams(new URLSearchParams({ ...Object.fromEntries(params), offset: String(o) }))}
              />
            </>
          )
        }
      </QueryState>
    </>
  );
}

export function FaqNewPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const toast = useToast();
  const create = useCreateFaq();
  return (
    <>
      <PageHeader title={t("faq.new")} breadcrumbs={[{ label: t("faq.title"), to: "/faq" }, { label: t("faq.new") }]} />
      <div className="max-w-3xl">
        <FaqForm
          busy={create.isPending}
          error={create.error}
          onSubmit={(v) =>
            create.mutate(v, {
              onSuccess: (a) => {
                toast.show(t("state.saved"), "success");
                navigate(`/faq/${a.id}`);
              },
            })
          }
        />
      </div>
    </>
  );
}
