import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { FormError, fieldError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { Card } from "../../components/card.js";
import { TextField } from "../../components/form-field.js";
import { useToast } from "../../components/toast.js";
import { api } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";
import { NewPasswordFields } from "../auth/new-password-fields.js";

const empty = { current: "", password: "", confirm: "" };

export function PasswordSection() {
  const { t } = useI18n();
  const toast = useToast();
  const [v, setV] = useState(empty);
  const [tried, setTried] = useState(false);
  const change = useMutation({
    mutationFn: () => api.post("/me/password", { current: v.current, next: v.password }),
    onSuccess: () => {
      toast.show(t("account.passwordChanged"));
      setV(empty);
      setTried(false);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (v.password !== v.confirm) return;
    change.mutate();
  };
  const err = change.error;
  return (
    <Card id="account-password" title={t("account.password")}>
      <p>{t("account.passwordLead")}</p>
      <form noValidate onSubmit={submit} className="flex flex-col gap-4">
        <FormError error={err} fields={["current", "next"]} />
        <TextField
          label={t("account.currentPassword")}
          type="password"
          autoComplete="current-password"
          required
          value={v.current}
          onChange={(e) => setV({ ...v, current: e.target.value })}
          error={fieldError(err, "current")}
        />
        <NewPasswordFields
          value={v}
          onChange={(p) => setV({ ...v, ...p })}
          serverError={fieldError(err, "next")}
          showMismatch={tried}
        />
        <div>
          <Button type="submit" busy={change.isPending}>
            {t("account.changePassword")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
