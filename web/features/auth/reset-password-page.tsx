import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { Alert, FormError, fieldError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { PageHeader } from "../../components/page-header.js";
import { api } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";
import { NewPasswordFields } from "./new-password-fields.js";

export function ResetPasswordPage() {
  const { t } = useI18n();
  const { token = "" } = useParams();
  const [value, setValue] = useState({ password: "", confirm: "" });
  const [tried, setTried] = useState(false);
  const reset = useMutation({
    mutationFn: () => api.post("/auth/password-reset/confirm", { token, password: value.password }),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (value.password !== value.confirm) return;
    reset.mutate();
  };
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
        <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
          <FormError error={reset.error} fields={["password"]} />
          <NewPasswordFields
            value={value}
            onChange={setValue}
            serverError={fieldError(reset.error, "password")}
            showMismatch={tried}
          />
          <Button type="submit" busy={reset.isPending}>
            {t("reset.submit")}
          </Button>
          <p>
            <Link to="/forgot-password" className="link">
              {t("forgot.title")}
            </Link>
          </p>
        </form>
      )}
    </>
  );
}
