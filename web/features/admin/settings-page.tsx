import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { Navigate } from "react-router";
import { normalizeNumberText } from "../../../shared/numbers.js";
import { sessionKey, useMe } from "../../app/session.js";
import { Alert, FormError, fieldError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { CheckboxField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { api } from "../../lib/api.js";
import type { Settings } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { ContactSection, MailTemplatesSection } from "./mail-settings.js";

const settingsKey = ["settings"] as const;

export function SettingsPage() {
  const { t } = useI18n();
  const me = useMe();
  const toast = useToast();
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: settingsKey, queryFn: () => api.get<Settings>("/settings") });
  const [threshold, setThreshold] = useState("");
  const [require2fa, setRequire2fa] = useState(false);
  const [localError, setLocalError] = useState<string>();
  useEffect(() => {
    if (!settings.data) return;
    setThreshold(String(settings.data.smallMunicipalityThreshold));
    setRequire2fa(settings.data.requireTwoFactorForStaff);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (patch: Partial<Settings>) => api.patch<Settings>("/settings", patch),
    onSuccess: (data) => {
      qc.setQueryData(settingsKey, data);
      // The small-municipality badge and the 2FA requirement change what other screens show.
      qc.invalidateQueries({ queryKey: ["orgs"] });
      qc.invalidateQueries({ queryKey: sessionKey });
      toast.show(t("state.saved"));
    },
  });
  if (!me.abilities.manageSettings) return <Navigate to="/" replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = normalizeNumberText(threshold);
    if (!/^\d+$/.test(n)) return setLocalError(t("settings.thresholdInvalid"));
    setLocalError(undefined);
    save.mutate({ smallMunicipalityThreshold: Number(n), requireTwoFactorForStaff: require2fa });
  };

  return (
    <>
      <PageHeader title={t("nav.settings")} />
      <QueryState query={settings}>
        {() => (
          <form noValidate onSubmit={submit} className="flex max-w-2xl flex-col gap-5">
            <FormError error={save.error} fields={["smallMunicipalityThreshold", "requireTwoFactorForStaff"]} />
            <TextField
              label={t("settings.threshold")}
              hint={t("settings.thresholdHint")}
              inputMode="numeric"
              value={threshold}
              onChange={(e) => setThreshold(e.target.value)}
              error={localError ?? fieldError(save.error, "smallMunicipalityThreshold")}
            />
            <CheckboxField
              label={t("settings.require2fa")}
              hint={t("settings.require2faHint")}
              checked={require2fa}
              onChange={(e) => setRequire2fa(e.target.checked)}
              error={fieldError(save.error, "requireTwoFactorForStaff")}
            />
            {require2fa && !settings.data?.requireTwoFactorForStaff && !me.user.twoFactorEnabled && (
              <Alert tone="warning">{t("settings.require2faSelf")}</Alert>
            )}
            <div>
              <Button type="submit" busy={save.isPending} busyLabel={t("state.saving")}>
                {t("action.save")}
              </Button>
            </div>
          </form>
        )}
      </QueryState>
      <div className="mt-12 flex flex-col gap-12">
        {me.user.org.kind === "prefecture" && <ContactSection orgId={me.user.org.id} orgName={me.user.org.name} />}
        <MailTemplatesSection />
      </div>
    </>
  );
}
