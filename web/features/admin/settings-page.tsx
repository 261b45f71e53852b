import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { Navigate } from "react-router";
import { settingsPatch } from "../../../shared/api/settings.js";
import { sessionKey, useMe } from "../../app/session.js";
import { Alert } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { CheckboxField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { api } from "../../lib/api.js";
import type { Settings } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { ContactSection, MailTemplatesSection } from "./mail-settings.js";

const settingsKey = ["settings"] as const;
type SettingsFields = { smallMunicipalityThreshold: string; requireTwoFactorForStaff: boolean };

export function SettingsPage() {
  const { t } = useI18n();
  const me = useMe();
  const toast = useToast();
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: settingsKey, queryFn: () => api.get<Settings>("/settings") });
  const form = useZodForm<typeof settingsPatch, SettingsFields>(settingsPatch, {
    defaultValues: { smallMunicipalityThreshold: "", requireTwoFactorForStaff: false },
  });
  const { reset } = form;
  useEffect(() => {
    if (settings.data)
      reset({
        smallMunicipalityThreshold: String(settings.data.smallMunicipalityThreshold),
        requireTwoFactorForStaff: settings.data.requireTwoFactorForStaff,
      });
  }, [settings.data, reset]);
  const require2fa = form.watch("requireTwoFactorForStaff");
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

  return (
    <>
      <PageHeader title={t("nav.settings")} />
      <QueryState query={settings}>
        {() => (
          <ZodForm
            form={form}
            error={save.error}
            aria-label={t("nav.settings")}
            onValid={(patch) => save.mutate(patch as Partial<Settings>)}
            className="flex max-w-2xl flex-col gap-5"
          >
            <TextField
              label={t("settings.threshold")}
              hint={t("settings.thresholdHint")}
              inputMode="numeric"
              {...form.field("smallMunicipalityThreshold")}
            />
            <CheckboxField
              label={t("settings.require2fa")}
              hint={t("settings.require2faHint")}
              {...form.field("requireTwoFactorForStaff")}
            />
            {require2fa && !settings.data?.requireTwoFactorForStaff && !me.user.twoFactorEnabled && (
              <Alert tone="warning">{t("settings.require2faSelf")}</Alert>
            )}
            <div>
              <Button type="submit" busy={save.isPending} busyLabel={t("state.saving")}>
                {t("action.save")}
              </Button>
            </div>
          </ZodForm>
        )}
      </QueryState>
      <div className="mt-12 flex flex-col gap-12">
        {me.user.org.kind === "prefecture" && <ContactSection orgId={me.user.org.id} orgName={me.user.org.name} />}
        <MailTemplatesSection />
      </div>
    </>
  );
}
