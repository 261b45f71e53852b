import { useMutation } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { tokenPassword } from "../../../shared/api/auth.js";
import { Alert } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { PageHeader } from "../../components/page-header.js";
import { api } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";
import { NewPasswordFields, withConfirm } from "./new-password-fields.js";

export function ResetPasswordPage() {
  const { t } = useI18n();
  const { token = "" } = useParams();
  const form = useZodForm(withConfirm(tokenPassword, "password", t("reset.mismatch")), {
    defaultValues: { password: "", confirm: "" },
    toInput: (v) => ({ ...v, token }),
  });
  const reset = useMutation({
    mutationFn: (password: string) => api.post("/auth/password-reset/confirm", { token, password }),
  });
  return (
    <>
      <PageHeader title={t("reset.title")} />
      {reset.isSuccess ? (
        <Alert tone="success" role="status">
          <p>{t("reset.done")}</p>
          <p className="mt-2">
            <Link to="/login" className="link">
              {t("login.title")}
            </Link>
          </p>
        </Alert>
      ) : (
        <ZodForm form={form} error={reset.error} onValid={(v) => reset.mutate(v.password)} className="flex flex-col gap-5">
          <NewPasswordFields form={form} name="password" />
          <Button type="submit" busy={reset.isPending}>
            {t("reset.submit")}
          </Button>
          <p>
            <Link to="/forgot-password" className="link">
              {t("forgot.title")}
            </Link>
          </p>
        </ZodForm>
      )}
    </>
  );
}
