import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { categoryLabels, deliveryModes, notificationCategories } from "../../../shared/api/notifications.js";
import { FormError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { Card } from "../../components/card.js";
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
  const [draft, setDraft] = useState<Prefs>({});
  useEffect(() => {
    if (prefs.data) setDraft(prefs.data.prefs);
  }, [prefs.data]);
  const save = useMutation({
    mutationFn: () => api.put<{ prefs: Prefs }>("/me/notification-prefs", { prefs: draft }),
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
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Card id="account-prefs" title={t("prefs.title")}>
      <p>{t("prefs.lead")}</p>
      <QueryState query={prefs}>
        {() => (
          <form noValidate onSubmit={submit} className="flex flex-col gap-4">
            <FormError error={save.error} />
            <div className="flex flex-col divide-y divide-solid-gray-200 rounded-8 border border-solid-gray-300">
              {notificationCategories.map((c) => (
                <div key={c} className="px-4 py-3">
                  <RadioGroup<DeliveryMode>
                    legend={label(categoryLabels, c)}
                    name={`pref-${c}`}
                    inline
                    value={draft[c] ?? "immediate"}
                    onChange={(mode) => setDraft({ ...draft, [c]: mode })}
                    options={deliveryModes.map((m) => ({ value: m, label: modeLabels[m] }))}
                  />
                </div>
              ))}
            </div>
            <div>
              <Button type="submit" busy={save.isPending}>
                {t("prefs.save")}
              </Button>
            </div>
          </form>
        )}
      </QueryState>
    </Card>
  );
}
