import { useMutation } from "@tanstack/react-query";
import { Link } from "react-router";
import { passwordResetRequest } from "../../../shared/api/auth.js";
import { Alert } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { api } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";

export function ForgotPasswordPage() {
  const { t } = useI18n();
  const form = useZodForm(passwordResetRequest, { defaultValues: { email: "" } });
  const request = useMutation({ mutationFn: (input: { email: string }) => api.post("/auth/password-reset", input) });
  return (
    <>
      <PageHeader title={t("forgot.title")} description={t("forgot.lead")} />
      {request.isSuccess ? (
        <Alert tone="success" role="status">
          {t("forgot.sent")}
        </Alert>
      ) : (
        <ZodForm form={form} error={request.error} onValid={(v) => request.mutate(v)} className="flex flex-col gap-5">
          <TextField label={t("login.email")} type="email" autoComplete="username" required {...form.field("email")} />
          <Button type="submit" busy={request.isPending}>
            {t("forgot.submit")}
          </Button>
        </ZodForm>
      )}
      <p className="mt-6">
        <Link to="/login" className="link">
          {t("forgot.back")}
        </Link>
      </p>
    </>
  );
}
