import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { Alert, FormError, fieldError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { api } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";

export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const request = useMutation({ mutationFn: () => api.post("/auth/password-reset", { email }) });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate();
  };
  return (
    <>
      <PageHeader title={t("forgot.title")} description={t("forgot.lead")} />
      {request.isSuccess ? (
        <Alert tone="success" role="status">
          {t("forgot.sent")}
        </Alert>
      ) : (
        <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
          <FormError error={request.error} fields={["email"]} />
          <TextField
            label={t("login.email")}
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fieldError(request.error, "email")}
          />
          <Button type="submit" busy={request.isPending}>
            {t("forgot.submit")}
          </Button>
        </form>
      )}
      <p className="mt-6">
        <Link to="/login" className="link">
          {t("forgot.back")}
        </Link>
      </p>
    </>
  );
}
