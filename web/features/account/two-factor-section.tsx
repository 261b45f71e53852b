import { useMutation } from "@tanstack/react-query";
import { totpDisable } from "../../../shared/api/auth.js";
import { useSetMe } from "../../app/session.js";
import { Alert } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { Card } from "../../components/card.js";
import { useZodForm, ZodForm } from "../../components/form.js";
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
  const form = useZodForm(totpDisable, { defaultValues: { password: "" } });
  const disable = useMutation({
    mutationFn: (input: { password: string }) => api.post<Me>("/me/totp/disable", input),
    onSuccess: (next) => {
      setMe(next);
      form.reset({ password: "" });
      toast.show(t("account.tfaDisabled"));
    },
  });
  return (
    <Card id="account-2fa" title={t("tfa.title")}>
      {me.user.twoFactorEnabled ? (
        <>
          <Alert tone="success">{t("account.tfaOn")}</Alert>
          <ZodForm form={form} error={disable.error} onValid={(v) => disable.mutate(v)} className="flex flex-col gap-4">
            <p>{t("account.tfaDisableLead")}</p>
            <TextField
              label={t("account.currentPassword")}
              type="password"
              autoComplete="current-password"
              required
              {...form.field("password")}
            />
            <div>
              <Button type="submit" variant="danger" busy={disable.isPending}>
                {t("account.tfaDisable")}
              </Button>
            </div>
          </ZodForm>
        </>
      ) : (
        <TwoFactorSetup onEnabled={() => toast.show(t("tfa.enabled"))} />
      )}
    </Card>
  );
}
