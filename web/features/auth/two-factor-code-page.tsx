import { useMutation } from "@tanstack/react-query";
import { Navigate, useNavigate } from "react-router";
import { totpInput } from "../../../shared/api/auth.js";
import { useSession, useSetMe, useSignOut } from "../../app/session.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { PageHeader } from "../../components/page-header.js";
import { Loading } from "../../components/query-state.js";
import { api } from "../../lib/api.js";
import type { Me } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { TotpCodeField } from "./two-factor-setup.js";
import { useReturnTo } from "./use-return-to.js";

/** The second step of signing in: the code from the authenticator app. */
export function TwoFactorCodePage() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const returnTo = useReturnTo();
  const setMe = useSetMe();
  const signOut = useSignOut();
  const form = useZodForm(totpInput, { defaultValues: { code: "" } });
  const verify = useMutation({
    mutationFn: (input: { code: string }) => api.post<Me>("/auth/totp", input),
    onSuccess: (me) => {
      setMe(me);
      navigate(returnTo, { replace: true });
    },
  });

  if (session.isPending) return <Loading />;
  if (session.data?.state === "anonymous") return <Navigate to="/login" replace />;
  if (session.data?.state === "signedIn" && !verify.isPending) return <Navigate to={returnTo} replace />;

  return (
    <>
      <PageHeader title={t("totp.title")} description={t("totp.lead")} />
      <ZodForm form={form} error={verify.error} onValid={(v) => verify.mutate(v)} className="flex flex-col gap-5">
        <TotpCodeField form={form} />
        <Button type="submit" busy={verify.isPending}>
          {t("totp.submit")}
        </Button>
        <p>
          <button
            type="button"
            className="link"
            onClick={() => signOut.mutate(false, { onSettled: () => navigate("/login", { replace: true }) })}
          >
            {t("totp.otherAccount")}
          </button>
        </p>
      </ZodForm>
    </>
  );
}
