import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { loginInput } from "../../../shared/api/auth.js";
import { type SsoProviderList, type SsoRefusal, ssoRefusals } from "../../../shared/api/sso.js";
import { type Session, sessionKey, useSession, useSetMe } from "../../app/session.js";
import { Alert } from "../../components/alert.js";
import { Button, buttonClass } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { api, isApiError, setCsrfToken } from "../../lib/api.js";
import type { LoginResponse } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import "../account/messages.js";
import { useReturnTo } from "./use-return-to.js";

export function LoginPage() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const returnTo = useReturnTo();
  const setMe = useSetMe();
  const qc = useQueryClient();
  const form = useZodForm(loginInput, { defaultValues: { email: "", password: "" } });
  const providers = useQuery({ queryKey: ["sso-providers"], queryFn: () => api.get<SsoProviderList>("/auth/providers") });
  const [params] = useSearchParams();
  const refusal = ssoRefusals.find((r) => r === params.get("sso")) as SsoRefusal | undefined;

  const login = useMutation({
    mutationFn: (input: { email: string; password: string }) => api.post<LoginResponse>("/auth/login", input),
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

  const err = login.error;
  // A wrong address or password: the login page's own words (the server's are generic).
  const wrong = isApiError(err) && err.code === "UNAUTHENTICATED";

  const sso = providers.data?.items ?? [];

  return (
    <>
      <PageHeader title={t("login.title")} description={t("login.lead")} />
      {refusal && (
        <Alert tone="error" role="alert" title={t("login.ssoRefused")} className="mb-6">
          <p>{t(`login.sso.${refusal}`)}</p>
        </Alert>
      )}
      {sso.length > 0 && (
        <section aria-labelledby="login-sso" className="mb-8 flex flex-col gap-3">
          <h2 id="login-sso" className="text-std-18B-160">
            {t("login.sso")}
          </h2>
          {sso.map((p) => (
            <a
              key={p.startUrl}
              href={`${p.startUrl}?returnTo=${encodeURIComponent(returnTo)}`}
              className={buttonClass("primary", "md", "no-underline")}
            >
              {p.label}
            </a>
          ))}
          <h2 className="mt-6 text-std-18B-160">{t("login.orPassword")}</h2>
        </section>
      )}
      <ZodForm
        form={form}
        onValid={(values) => login.mutate(values)}
        error={wrong ? undefined : err}
        className="flex flex-col gap-5"
      >
        {wrong && <Alert tone="error" role="alert" title={t("login.failed")} />}
        <TextField label={t("login.email")} type="email" autoComplete="username" required {...form.field("email")} />
        <TextField
          label={t("login.password")}
          type="password"
          autoComplete="current-password"
          required
          {...form.field("password")}
        />
        <Button type="submit" busy={login.isPending} busyLabel={t("login.busy")}>
          {t("login.submit")}
        </Button>
        <p>
          <Link to="/forgot-password" className="link">
            {t("login.forgot")}
          </Link>
        </p>
      </ZodForm>
    </>
  );
}
