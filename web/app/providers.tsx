import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ToastProvider } from "../components/toast.js";
import { isApiError, setCsrfToken } from "../lib/api.js";
import { I18nProvider } from "../lib/i18n.js";
import { type Session, sessionKey } from "./session.js";

/**
 * When any request says the session is gone (expired, signed out elsewhere) the session becomes
 * anonymous and the guard sends the person to sign-in, back to this page afterwards. A 403 that asks
 * for 2FA enrolment reloads /api/me, whose mustEnrollTwoFactor opens the enrolment screen.
 */
function onApiError(error: unknown, key?: readonly unknown[]) {
  if (!isApiError(error) || key?.[0] === sessionKey[0]) return;
  if (error.code === "UNAUTHENTICATED") {
    setCsrfToken(null);
    const next: Session = { state: "anonymous" };
    queryClient.setQueryData(sessionKey, next);
  } else if (error.code === "MFA_REQUIRED") {
    const next: Session = { state: "mfa" };
    queryClient.setQueryData(sessionKey, next);
  } else if ((error.details as { reason?: string } | undefined)?.reason === "two_factor_enrollment_required") {
    queryClient.invalidateQueries({ queryKey: sessionKey });
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => onApiError(error, query.queryKey) }),
  mutationCache: new MutationCache({ onError: (error) => onApiError(error) }),
  defaultOptions: {
    queries: {
      // A 4xx will not get better by asking again; a network blip might.
      retry: (count, error) => count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <ToastProvider>{children}</ToastProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
