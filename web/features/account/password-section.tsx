import { useMutation } from "@tanstack/react-query";
import { changePassword } from "../../../shared/api/auth.js";
import { Button } from "../../components/button.js";
import { Card } from "../../components/card.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { TextField } from "../../components/form-field.js";
import { useToast } from "../../components/toast.js";
import { api } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";
import { NewPasswordFields, withConfirm } from "../auth/new-password-fields.js";

const empty = { current: "", next: "", confirm: "" };

export function PasswordSection() {
  const { t } = useI18n();
  const toast = useToast();
  const form = useZodForm(withConfirm(changePassword, "next", t("reset.mismatch")), { defaultValues: empty });
  const change = useMutation({
    mutationFn: (input: { current: string; next: string }) => api.post("/me/password", input),
    onSuccess: () => {
      toast.show(t("account.passwordChanged"));
      form.reset(empty);
    },
  });
  return (
    <Card id="account-password" title={t("account.password")}>
      <p>{t("account.passwordLead")}</p>
      <ZodForm
        form={form}
        error={change.error}
        onValid={({ current, next }) => change.mutate({ current, next })}
        className="flex flex-col gap-4"
      >
        <TextField
          label={t("account.currentPassword")}
          type="password"
          autoComplete="current-password"
          required
          {...form.field("current")}
        />
        <NewPasswordFields form={form} name="next" />
        <div>
          <Button type="submit" busy={change.isPending}>
            {t("account.changePassword")}
          </Button>
        </div>
      </ZodForm>
    </Card>
  );
}
