import { Navigate, useNavigate } from "react-router";
import { useSession, useSignOut } from "../../app/session.js";
import { Alert } from "../../components/alert.js";
import { PageHeader } from "../../components/page-header.js";
import { Loading } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { TwoFactorSetup } from "./two-factor-setup.js";
import { useReturnTo } from "./use-return-to.js";

/** Forced enrolment: prefecture staff when the settings require 2FA; nothing else opens until it is done. */
export function TwoFactorSetupPage() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const returnTo = useReturnTo();
  const toast = useToast();
  const signOut = useSignOut();

  if (session.isPending) return <Loading />;
  if (session.data?.state !== "signedIn") return <Navigate to="/login" replace />;
  if (!session.data.me.mustEnrollTwoFactor) return <Navigate to={returnTo} replace />;

  return (
    <>
      <PageHeader title={t("tfa.title")} />
      <Alert tone="warning" className="mb-6">
        {t("tfa.required")}
      </Alert>
      <TwoFactorSetup
        onEnabled={() => {
          toast.show(t("tfa.enabled"));
          navigate(returnTo, { replace: true });
        }}
      />
      <p className="mt-6">
        <button
          type="button"
          className="link"
          onClick={() => signOut.mutate(false, { onSettled: () => navigate("/login", { replace: true }) })}
        >
          {t("tfa.signOut")}
        </button>
      </p>
    </>
  );
}
