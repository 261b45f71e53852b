import { useEffect, useRef } from "react";
import type { Me } from "../lib/api-types.js";
import { useI18n } from "../lib/i18n.js";

/** Once per signed-in user, the account's saved language wins over this browser's. */
export function useAccountLocale(me: Me) {
  const { locale, setLocale } = useI18n();
  const applied = useRef<string | null>(null);
  useEffect(() => {
    if (applied.current === me.user.id) return;
    applied.current = me.user.id;
    if (me.user.locale !== locale) setLocale(me.user.locale);
  }, [me.user.id, me.user.locale, locale, setLocale]);
}
