import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, Navigate, useNavigate } from "react-router";
import { type Session, sessionKey, useSession, useSetMe } from "../../app/session.js";
import { Alert, fieldError, useErrorMessage } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { api, isApiError, setCsrfToken } from "../../lib/api.js";
import type { LoginResponse } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { useReturnTo } from "./use-return-to.js";

export function LoginPage() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const returnTo = useReturnTo();
  const setMe = useSetMe();
  const qc = useQueryClient();
  const message = useErrorMessage();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  const login = useMutation({
    mutationFn: () => api.post<LoginResponse>("/auth/login", { email, password }),
    onSuccess: (res) => {
      if (res.mfaRequired) {
        setCsrfToken(res.csrfToken);
        qc.setQueryData<Session>(sessionKey, { state: "mfa" });
        navigate("/login/two-factor", { state: { from: returnTo } });
      } else {
        setMe(res);
        navigate(returnTo, { replace: true });
      }
    },
  });

  if (session.data?.state === "signedIn" && !login.isPending) return <Navigate to={returnTo} replace />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };
  const err = login.error;
  const failed = isApiError(err) && err.code === "UNAUTHENTICATED" ? t("login.failed") : message(err);

  return (
    <>
      <PageHeader title={t("login.title")} description={t("login.lead")} />
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
        {err && <Alert tone="error" role="alert" title={failed} />}
        <TextField
          label={t("login.email")}
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldError(err, "email")}
        />
        <TextField
          label={t("login.password")}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(err, "password")}
        />
        <Button type="submit" busy={login.isPending} busyLabel={t("login.busy")}>
          {t("login.submit")}
        </Button>
        <p>
          <Link to="/forgot-password" className="link">
            {t("login.forgot")}
          </Link>
        </p>
      </form>
    </>
  );
}
