import { createContext, createElement, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { type MessageKey, messages } from "./messages/index.js";

/** Japanese first, English second: a tiny dictionary of [ja, en] pairs, looked up with t("key"). */
export type Locale = "ja" | "en";
export type Labels<K extends string> = Record<K, { ja: string; en: string }>;
export type Vars = Record<string, string | number>;

const storageKey = "renkei.locale";

function storedLocale(): Locale {
  try {
    return localStorage.getItem(storageKey) === "en" ? "en" : "ja";
  } catch {
    return "ja";
  }
}

const dictionary: Record<string, readonly [string, string]> = { ...messages };

/** Adds a feature's strings, loaded with its pages (see messages/index.ts), before they render. */
export function addMessages(more: Record<string, readonly [string, string]>) {
  Object.assign(dictionary, more);
}

/** Looks a key up and fills "{name}" placeholders. Unknown keys show themselves, so gaps are visible. */
function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const entry = dictionary[key];
  let text = entry ? entry[locale === "en" ? 1 : 0] : key;
  if (vars) for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
}

export interface I18n {
  locale: Locale;
  /** Switches the language for this browser (localStorage and <html lang>). */
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, vars?: Vars) => string;
  /** Picks the current language from a shared ja/en label map (roleLabels, orgKindLabels, …). */
  label: <K extends string>(map: Labels<K>, key: K) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, vars) => translate(locale, key, vars),
      label: (map, key) => map[key]?.[locale] ?? String(key),
    }),
    [locale, setLocale],
  );
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error("useI18n must be used inside <I18nProvider>");
  return ctx;
}
