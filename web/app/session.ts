import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { ApiError, api, setCsrfToken } from "../lib/api.js";
import type { Me } from "../lib/api-types.js";
import { type Locale, useI18n } from "../lib/i18n.js";

/** Where the browser stands: signed out, password accepted but code pending, or signed in. */
export type Session = { state: "anonymous" } | { state: "mfa" } | { state: "signedIn"; me: Me };

export const sessionKey = ["session"] as const;

async function loadSession(): Promise<Session> {
  try {
    const me = await api.get<Me>("/me");
    setCsrfToken(me.csrfToken);
    return { state: "signedIn", me };
  } catch (e) {
    if (e instanceof ApiError && e.code === "MFA_REQUIRED") return { state: "mfa" };
    if (e instanceof ApiError && e.status === 401) return { state: "anonymous" };
    throw e;
  }
}

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: loadSession, staleTime: 5 * 60_000, retry: 1 });
}

/** The signed-in user's /api/me; only for pages under the session guard. */
export function useMe(): Me {
  const { data } = useSession();
  if (data?.state !== "signedIn") throw new Error("useMe outside a signed-in route");
  return data.me;
}

/** Stores a fresh /api/me answer (after login, 2FA, profile change) so every screen sees it at once. */
export function useSetMe() {
  const qc = useQueryClient();
  return useCallback(
    (me: Me) => {
      setCsrfToken(me.csrfToken);
      const next: Session = { state: "signedIn", me };
      qc.setQueryData(sessionKey, next);
    },
    [qc],
  );
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (everywhere: boolean) => api.post<{ redirectTo?: string }>(everywhere ? "/auth/logout-all" : "/auth/logout"),
    // Signed in through a provider that signs out too (RP-initiated logout): the browser goes there next.
    onSuccess: (res) => res?.redirectTo && window.location.assign(res.redirectTo),
    onSettled: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData<Session>(sessionKey, { state: "anonymous" });
    },
  });
}

/** The language switch: this browser at once, and the account too when signed in. */
export function useChangeLanguage() {
  const { setLocale } = useI18n();
  const { data } = useSession();
  const setMe = useSetMe();
  return useCallback(
    async (locale: Locale) => {
      setLocale(locale);
      if (data?.state === "signedIn" && data.me.user.locale !== locale) {
        try {
          setMe(await api.patch<Me>("/me", { locale }));
        } catch {
          // The switch already applies in this browser; the account keeps its old language.
        }
      }
    },
    [data, setLocale, setMe],
  );
}
