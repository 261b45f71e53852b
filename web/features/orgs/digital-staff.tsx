import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { type digitalStaff, digitalStaffInput } from "../../../shared/api/insight.js";
import { parseNumberInput } from "../../../shared/numbers.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { TextField } from "../../components/form-field.js";
import { useToast } from "../../components/toast.js";
import { api } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";

type DigitalStaff = z.infer<typeof digitalStaff>;
const key = (orgId: string) => ["orgs", orgId, "digital-staff"] as const;

/** The organisation's digital-staff headcount; its own admin (or the secretariat) keeps it up to date. */
export function DigitalStaffSection({ orgId }: { orgId: string }) {
  const { t } = useI18n();
  const query = useQuery({ queryKey: key(orgId), queryFn: () => api.get<DigitalStaff>(`/orgs/${orgId}/digital-staff`) });
  if (!query.data) return null;
  const d = query.data;
  return (
    <section aria-labelledby="digital-staff" className="mt-6 flex flex-col gap-2">
      <h2 id="digital-staff" className="text-std-20B-150">
        {t("orgs.digitalStaff")}
      </h2>
      <p>{d.headcount == null ? t("orgs.digitalStaffUnknown") : t("orgs.digitalStaffCount", { count: d.headcount })}</p>
      {d.canEdit && <DigitalStaffForm orgId={orgId} headcount={d.headcount} />}
    </section>
  );
}

function DigitalStaffForm({ orgId, headcount }: { orgId: string; headcount: number | null }) {
  const { t } = useI18n();
  const toast = useToast();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { headcount: number }) => api.put<DigitalStaff>(`/orgs/${orgId}/digital-staff`, v),
    onSuccess: (data) => {
      qc.setQueryData(key(orgId), data);
      toast.show(t("orgs.digitalStaffSaved"), "success");
    },
  });
  const form = useZodForm(digitalStaffInput, { defaultValues: { headcount: headcount ?? ("" as unknown as number) } });
  return (
    <ZodForm form={form} error={save.error} onValid={(v) => save.mutate(v)} className="flex flex-wrap items-end gap-3">
      <TextField
        label={t("orgs.digitalStaff")}
        hint={t("orgs.digitalStaffHint")}
        inputMode="numeric"
        className="w-72"
        {...form.field("headcount", { setValueAs: (v) => (typeof v === "string" ? (parseNumberInput(v) ?? v) : v) })}
      />
      <Button type="submit" busy={save.isPending}>
        {t("orgs.digitalStaffSave")}
      </Button>
    </ZodForm>
  );
}
