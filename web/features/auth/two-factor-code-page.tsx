import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Navigate, useNavigate } from "react-router";
import { useSession, useSetMe, useSignOut } from "../../app/session.js";
import { FormError, fieldError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { Loading } from "../../components/query-state.js";
import { api } from "../../lib/api.js";
import type { Me } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { useReturnTo } from "./use-return-to.js";

/** The second step of signing in: the code from the authenticator app. */
export function TwoFactorCodePage() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const returnTo = useReturnTo();
  const setMe = useSetMe();
  const signOut = useSignOut();
  const [code, setCode] = useState("");
  const verify = useMutation({
    mutationFn: () => api.post<Me>("/auth/totp", { code }),
    onSuccess: (me) => {
      setMe(me);
      navigate(returnTo, { replace: true });
    },
  });

  if (session.isPending) return <Loading />;
  if (session.data?.state === "anonymous") return <Navigate to="/login" replace />;
  if (session.data?.state === "signedIn" && !verify.isPending) return <Navigate to={returnTo} replace />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    verify.mutate();
  };
  return (
    <>
      <PageHeader title={t("totp.title")} description={t("totp.lead")} />
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
        <FormError error={verify.error} fields={["code"]} />
        <TextField
          label={t("totp.code")}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          maxLength={6}
          required
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ""))}
          error={fieldError(verify.error, "code")}
        />
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
      </form>
    </>
  );
}
