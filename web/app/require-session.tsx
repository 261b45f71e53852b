import { Navigate, Outlet, useLocation } from "react-router";
import { Alert, useErrorMessage } from "../components/alert.js";
import { Button } from "../components/button.js";
import { Loading } from "../components/query-state.js";
import { useI18n } from "../lib/i18n.js";
import { useSession } from "./session.js";

/** Where to come back to after signing in. */
export interface ReturnState {
  from?: string;
}

/** Guards the signed-in part: sends visitors to sign-in, the 2FA code or the 2FA enrolment as needed. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  const message = useErrorMessage();
  const { t } = useI18n();
  const from = `${location.pathname}${location.search}`;

  if (session.isPending)
    return (
      <main className="mx-auto max-w-3xl p-6">
        <Loading />
      </main>
    );
  if (session.error || !session.data)
    return (
      <main className="mx-auto max-w-3xl p-6">
        <Alert tone="error" role="alert" title={message(session.error)}>
          <Button variant="secondary" size="sm" className="mt-2" onClick={() => session.refetch()}>
            {t("action.retry")}
          </Button>
        </Alert>
      </main>
    );
  const s = session.data;
  if (s.state === "anonymous") return <Navigate to="/login" replace state={{ from } satisfies ReturnState} />;
  if (s.state === "mfa") return <Navigate to="/login/two-factor" replace state={{ from } satisfies ReturnState} />;
  if (s.me.mustEnrollTwoFactor) return <Navigate to="/two-factor-setup" replace state={{ from } satisfies ReturnState} />;
  return <Outlet />;
}
