import { useMutation } from "@tanstack/react-query";
import { totpInput } from "../../../shared/api/auth.js";
import { useSetMe } from "../../app/session.js";
import { FormError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm, type ZodFormApi } from "../../components/form.js";
import { TextField } from "../../components/form-field.js";
import { api } from "../../lib/api.js";
import type { Me, TotpSetup } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";

/**
 * Enrolment in two steps: the server makes a secret (shown as text: no outside QR service on LGWAN),
 * then a code from the app turns it on.
 */
export function TwoFactorSetup({ onEnabled }: { onEnabled: (me: Me) => void }) {
  const { t } = useI18n();
  const setMe = useSetMe();
  const form = useZodForm(totpInput, { defaultValues: { code: "" } });
  const setup = useMutation({ mutationFn: () => api.post<TotpSetup>("/me/totp/setup") });
  const enable = useMutation({
    mutationFn: (input: { code: string }) => api.post<Me>("/me/totp/enable", input),
    onSuccess: (me) => {
      setMe(me);
      onEnabled(me);
    },
  });

  if (!setup.data)
    return (
      <div className="flex flex-col gap-4">
        <p>{t("tfa.lead")}</p>
        <FormError error={setup.error} />
        <div>
          <Button onClick={() => setup.mutate()} busy={setup.isPending}>
            {t("tfa.start")}
          </Button>
        </div>
      </div>
    );

  return (
    <ZodForm form={form} error={enable.error} onValid={(v) => enable.mutate(v)} className="flex flex-col gap-4">
      <p>{t("tfa.step1")}</p>
      <div>
        <p className="text-std-16B-170">{t("tfa.secret")}</p>
        <p
          data-testid="totp-secret"
          className="rounded-8 bg-solid-gray-50 px-4 py-3 font-mono text-mono-17B-150 tracking-wider break-all"
        >
          {setup.data.secret.replace(/(.{4})/g, "$1 ").trim()}
        </p>
      </div>
      <details>
        <summary className="link cursor-pointer">{t("tfa.uri")}</summary>
        <p className="mt-2 rounded-8 bg-solid-gray-50 px-4 py-3 font-mono text-mono-14N-150 break-all">{setup.data.uri}</p>
      </details>
      <p>{t("tfa.step2")}</p>
      <TotpCodeField form={form} />
      <div>
        <Button type="submit" busy={enable.isPending}>
          {t("tfa.enable")}
        </Button>
      </div>
    </ZodForm>
  );
}

/** The six digits from the authenticator app (anything but digits is dropped as it is typed). */
export function TotpCodeField({ form }: { form: ZodFormApi<{ code: string }, unknown> }) {
  const { t } = useI18n();
  const field = form.field("code");
  return (
    <TextField
      label={t("totp.code")}
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]*"
      maxLength={6}
      required
      {...field}
      onChange={(e) => {
        e.target.value = e.target.value.replace(/\D/g, "");
        return field.onChange(e);
      }}
    />
  );
}
