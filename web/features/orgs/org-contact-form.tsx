import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { type OrgContact, orgContact } from "../../../shared/api/orgs.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { TextField } from "../../components/form-field.js";
import { useToast } from "../../components/toast.js";
import { api } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";

export const orgContactKey = (orgId: string) => ["orgs", orgId, "contact"] as const;

/**
 * The one form for an organisation's contact data (the 問合せ先 of its mail and documents), checked in the
 * browser by the server's own schema. The secretariat uses it for the prefecture in Settings; an
 * organisation's administrator on the organisation's page.
 */
export function OrgContactForm({
  orgId,
  contact,
  labelledBy,
  onSaved,
}: {
  orgId: string;
  contact: OrgContact;
  labelledBy: string;
  onSaved?: () => void;
}) {
  const { t } = useI18n();
  const toast = useToast();
  const qc = useQueryClient();
  const form = useZodForm(orgContact, { defaultValues: contact });
  const { reset } = form;
  useEffect(() => reset(contact), [contact, reset]);
  const save = useMutation({
    mutationFn: (c: OrgContact) => api.put<OrgContact>(`/orgs/${orgId}/contact`, c),
    onSuccess: (data) => {
      qc.setQueryData(orgContactKey(orgId), data);
      toast.show(t("state.saved"));
      onSaved?.();
    },
  });
  return (
    <ZodForm
      form={form}
      error={save.error}
      aria-labelledby={labelledBy}
      onValid={(c) => save.mutate(c)}
      className="flex max-w-2xl flex-col gap-4"
    >
      <TextField label={t("contact.department")} {...form.field("department")} />
      <TextField label={t("contact.person")} {...form.field("person")} />
      <TextField label={t("contact.phone")} type="tel" {...form.field("phone")} />
      <TextField label={t("contact.email")} type="email" {...form.field("email")} />
      <TextField label={t("contact.address")} {...form.field("address")} />
      <div>
        <Button type="submit" busy={save.isPending} busyLabel={t("state.saving")}>
          {t("contact.save")}
        </Button>
      </div>
    </ZodForm>
  );
}
