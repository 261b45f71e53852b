import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { consultationCategoryLabels } from "../../../shared/api/consultations.js";
import { api } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";

type Suggestion = { id: string; question: string; category: keyof typeof consultationCategoryLabels; score: number };

/** Waits until typing pauses, so suggestions follow the text without a request per key. */
function useDebounced(value: string, ms: number) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/** FAQ articles similar to what the clerk is typing, in a polite live region. */
export function FaqSuggestions({ text }: { text: string }) {
  const { t, label } = useI18n();
  const typed = useDebounced(text.trim(), 400);
  const found = useQuery({
    queryKey: ["faq", "suggest", typed],
    queryFn: () => api.post<{ items: Suggestion[] }>("/faq/suggest", { text: typed }),
    enabled: typed.length >= 4,
    staleTime: 60_000,
  });
  const items = found.data?.items ?? [];
  return (
    <aside aria-labelledby="faq-suggest" className="self-start rounded-8 border border-solid-gray-300 bg-blue-50 p-4">
      <h2 id="faq-suggest" className="text-std-18B-160">
        {t("desk.suggest.title")}
      </h2>
      <div aria-live="polite">
        {items.length === 0 ? (
          <p className="text-dns-16N-130 text-solid-gray-700">
            {typed.length >= 4 && !found.isFetching ? t("desk.suggest.none") : ""}
          </p>
        ) : (
          <>
            <p className="mb-2 text-dns-16N-130">{t("desk.suggest.lead")}</p>
            <ul className="flex flex-col gap-2">
              {items.map((s) => (
                <li key={s.id}>
                  <Link to={`/faq/${s.id}`} target="_blank" className="link">
                    {s.question}
                  </Link>
                  <span className="ml-2 text-dns-14N-130 text-solid-gray-700">
                    {label(consultationCategoryLabels, s.category)}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </aside>
  );
}
