import type { Locale } from "../lib/i18n.js";
import { useI18n } from "../lib/i18n.js";
import { useChangeLanguage } from "./session.js";

const languages: { locale: Locale; label: string; lang: string }[] = [
  { locale: "ja", label: "日本語", lang: "ja" },
  { locale: "en", label: "English", lang: "en" },
];

/** 日本語 / English: each name in its own language, the current one marked. */
export function LanguageSwitch({ onChanged }: { onChanged?: () => void }) {
  const { locale, t } = useI18n();
  const change = useChangeLanguage();
  return (
    <fieldset className="flex flex-wrap items-center gap-2">
      <legend className="sr-only">{t("language.label")}</legend>
      {languages.map((l) => (
        <button
          key={l.locale}
          type="button"
          lang={l.lang}
          aria-pressed={locale === l.locale}
          onClick={async () => {
            await change(l.locale);
            onChanged?.();
          }}
          className={`min-h-9 rounded-6 border px-3 text-oln-16N-100 ${
            locale === l.locale
              ? "border-blue-900 bg-blue-900 text-white"
              : "border-solid-gray-600 bg-white text-blue-900 underline"
          }`}
        >
          {l.label}
        </button>
      ))}
    </fieldset>
  );
}
