import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useSetMe } from "../../app/session.js";
import { Alert, FormError, fieldError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { Card } from "../../components/card.js";
import { TextField } from "../../components/form-field.js";
import { useToast } from "../../components/toast.js";
import { api } from "../../lib/api.js";
import type { Me } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { TwoFactorSetup } from "../auth/two-factor-setup.js";

export function TwoFactorSection({ me }: { me: Me }) {
  const { t } = useI18n();
  const toast = useToast();
  const setMe = useSetMe();
  const [password, setPassword] = useState("");
  const disable = useMutation({
    mutationFn: () => api.post<Me>("/me/totp/disable", { password }),
    onSuccess: (next) => {
      setMe(next);
      setPassword("");
      toast.show(t("account.tfaDisabled"));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    disable.mutate();
  };
  return (
    <Card id="account-2fa" title={t("tfa.title")}>
      {me.user.twoFactorEnabled ? (
        <>
          <Alert tone="success">{t("account.tfaOn")}</Alert>
          <form noValidate onSubmit={submit} className="flex flex-col gap-4">
            <p>{t("account.tfaDisableLead")}</p>
            <FormError error={disable.error} fields={["password"]} />
            <TextField
              label={t("account.currentPassword")}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={fieldError(disable.error, "password")}
            />
            <div>
              <Button type="submit" variant="danger" busy={disable.isPending}>
                {t("account.tfaDisable")}
              </Button>
            </div>
          </form>
        </>
      ) : (
        <TwoFactorSetup onEnabled={() => toast.show(t("tfa.enabled"))} />
      )}
    </Card>
  );
}
