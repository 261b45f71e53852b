import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { useI18n } from "../../lib/i18n.js";

/** The one search box in the header; results open on the search page. */
export function HeaderSearch() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [q, setQ] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (q.trim()) navigate(`/search?q=${encodeURIComponent(q.trim())}`);
  };
  return (
    <search className="hidden sm:block">
      <form aria-label={t("search.box")} onSubmit={submit} className="flex items-center gap-1">
        <label htmlFor="header-search" className="sr-only">
          {t("search.box")}
        </label>
        <input
          id="header-search"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t("search.box")}
          className="w-40 rounded-8 border border-solid-gray-900 bg-white px-3 py-2 text-dns-16N-130 lg:w-64"
        />
        <button type="submit" className="min-h-10 rounded-8 bg-blue-900 px-3 text-oln-14B-100 text-white hover:bg-blue-1000">
          {t("nav.search")}
        </button>
      </form>
    </search>
  );
}
