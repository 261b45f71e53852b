import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { Controller } from "react-hook-form";
import { categoryLabels, deliveryModes, notificationCategories, prefsInput } from "../../../shared/api/notifications.js";
import { Button } from "../../components/button.js";
import { Card } from "../../components/card.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { QueryState } from "../../components/query-state.js";
import { RadioGroup } from "../../components/radio-group.js";
import { useToast } from "../../components/toast.js";
import { api } from "../../lib/api.js";
import type { DeliveryMode, Prefs } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";

const prefsKey = ["me", "notification-prefs"] as const;

/** Per category: e-mail at once, in the daily digest, or not at all (in-app notifications always appear). */
export function PrefsSection() {
  const { t, label } = useI18n();
  const toast = useToast();
  const qc = useQueryClient();
  const prefs = useQuery({ queryKey: prefsKey, queryFn: () => api.get<{ prefs: Prefs }>("/me/notification-prefs") });
  const form = useZodForm<typeof prefsInput, { prefs: Record<string, DeliveryMode> }>(prefsInput, {
    defaultValues: { prefs: {} },
  });
  const { reset } = form;
  useEffect(() => {
    if (prefs.data) reset(prefs.data);
  }, [prefs.data, reset]);
  const save = useMutation({
    mutationFn: (input: { prefs: Prefs }) => api.put<{ prefs: Prefs }>("/me/notification-prefs", input),
    onSuccess: (data) => {
      qc.setQueryData(prefsKey, data);
      toast.show(t("state.saved"));
    },
  });
  const modeLabels: Record<DeliveryMode, string> = {
    immediate: t("prefs.immediate"),
    digest: t("prefs.digest"),
    off: t("prefs.off"),
  };
  return (
    <Card id="account-prefs" title={t("prefs.title")}>
      <p>{t("prefs.lead")}</p>
      <QueryState query={prefs}>
        {() => (
          <ZodForm form={form} error={save.error} onValid={(v) => save.mutate(v)} className="flex flex-col gap-4">
            <div className="flex flex-col divide-y divide-solid-gray-200 rounded-8 border border-solid-gray-300">
              {notificationCategories.map((c) => (
                <div key={c} className="px-4 py-3">
                  <Controller
                    control={form.control}
                    name={`prefs.${c}`}
                    render={({ field }) => (
                      <RadioGroup<DeliveryMode>
                        legend={label(categoryLabels, c)}
                        name={`pref-${c}`}
                        inline
                        value={field.value ?? "immediate"}
                        onChange={field.onChange}
                        options={deliveryModes.map((m) => ({ value: m, label: modeLabels[m] }))}
                      />
                    )}
                  />
                </div>
              ))}
            </div>
            <div>
              <Button type="submit" busy={save.isPending}>
                {t("prefs.save")}
              </Button>
            </div>
          </ZodForm>
        )}
      </QueryState>
    </Card>
  );
}
