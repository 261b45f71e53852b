import { type FormEvent, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { searchKindLabels, searchKinds } from "../../../shared/api/search.js";
import { Alert, FormError } from "../../components/alert.js";
import { Badge } from "../../components/badge.js";
import { Button } from "../../components/button.js";
import { TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { Loading } from "../../components/query-state.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useSearch } from "./api.js";

/** The search page: the words, kinds and dates live in the URL, so a result list can be bookmarked or shared. */
export function SearchPage() {
  const { t, label, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const current = {
    q: params.get("q") ?? "",
    kinds: (params.get("kinds") ?? "").split(",").filter(Boolean),
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
  };
  const [form, setForm] = useState(current);
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the URL (header box, back button).
  useEffect(() => setForm(current), [params]);
  const search = useSearch(current);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = { q: form.q };
    if (form.kinds.length) next.kinds = form.kinds.join(",");
    if (form.from) next.from = form.from;
    if (form.to) next.to = form.to;
    setParams(next);
  };
  const toggle = (k: string, on: boolean) =>
    setForm((f) => ({ ...f, kinds: on ? [...f.kinds, k] : f.kinds.filter((x) => x !== k) }));
  const hits = search.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title={t("search.title")} description={t("search.lead")} />
      <search>
        <form noValidate onSubmit={submit} className="mb-6 flex flex-col gap-4">
          <div className="flex flex-wrap items-end gap-3">
            <TextField
              type="search"
              label={t("search.q")}
              hint={t("search.qHint")}
              value={form.q}
              onChange={(e) => setForm({ ...form, q: e.target.value })}
              className="min-w-64 flex-1"
            />
            <Button type="submit">{t("action.search")}</Button>
          </div>
          <fieldset className="flex flex-col gap-1">
            <legend className="text-std-16B-170">{t("search.kinds")}</legend>
            <div className="flex flex-wrap gap-x-6 gap-y-1">
              {searchKinds.map((k) => (
                <label key={k} className="flex items-center gap-2 text-std-16N-170">
                  <input
                    type="checkbox"
                    className="size-5 accent-blue-900"
                    checked={form.kinds.includes(k)}
                    onChange={(e) => toggle(k, e.target.checked)}
                  />
                  {label(searchKindLabels, k)}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="flex flex-wrap gap-4">
            <TextField
              type="date"
              label={t("search.from")}
              value={form.from}
              onChange={(e) => setForm({ ...form, from: e.target.value })}
            />
            <TextField
              type="date"
              label={t("search.to")}
              value={form.to}
              onChange={(e) => setForm({ ...form, to: e.target.value })}
            />
          </div>
        </form>
      </search>
      {current.q && (
        <section aria-labelledby="results-heading" aria-busy={search.isFetching}>
          <h2 id="results-heading" className="mb-3 text-std-20B-150">
            {t("search.results", { q: current.q })}
          </h2>
          {search.isPending ? (
            <Loading />
          ) : search.error ? (
            <FormError error={search.error} />
          ) : hits.length === 0 ? (
            <Alert role="status">{t("search.none")}</Alert>
          ) : (
            <>
              <p role="status" className="mb-3 text-dns-14N-130">
                {t("search.count", { count: hits.length })}
              </p>
              <ol className="flex flex-col gap-4">
                {hits.map((h) => (
                  <li key={`${h.kind}:${h.refId}`} className="rounded-12 border border-solid-gray-300 bg-white p-4">
                    <p className="mb-1 flex flex-wrap items-center gap-2 text-dns-14N-130">
                      <Badge tone="blue">{label(searchKindLabels, h.kind)}</Badge>
                      {formatDate(h.date, locale)}
                    </p>
                    {/* titleHtml and snippetHtml are escaped on the server; only <mark> is added. */}
                    <h3 className="text-std-18B-160">
                      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: escaped and sanitised on the server (sanitize-html / escapeHtml + <mark>). */}
                      <Link to={h.link} className="link" dangerouslySetInnerHTML={{ __html: h.titleHtml }} />
                    </h3>
                    <p
                      className="search-snippet text-std-16N-170 text-solid-gray-800"
                      // biome-ignore lint/security/noDangerouslySetInnerHtml: escaped and sanitised on the server (sanitize-html / escapeHtml + <mark>).
                      dangerouslySetInnerHTML={{ __html: h.snippetHtml }}
                    />
                  </li>
                ))}
              </ol>
              {search.hasNextPage && (
                <Button
                  variant="secondary"
                  className="mt-4"
                  busy={search.isFetchingNextPage}
                  onClick={() => search.fetchNextPage()}
                >
                  {t("search.more")}
                </Button>
              )}
            </>
          )}
        </section>
      )}
    </>
  );
}
