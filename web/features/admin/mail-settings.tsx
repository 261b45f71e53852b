import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { z } from "zod";
import {
  type MailTemplateKey,
  type MailTemplateText,
  type mailTemplateList,
  mailTemplateText,
} from "../../../shared/api/mail-templates.js";
import type { OrgContact } from "../../../shared/api/orgs.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextAreaField, TextField } from "../../components/form-field.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { api } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";
import { OrgContactForm, orgContactKey } from "../orgs/org-contact-form.js";

type TemplateList = z.infer<typeof mailTemplateList>;
const templatesKey = ["mail-templates"] as const;

/** The prefecture's mail texts: pick one, rewrite its subject and text with the placeholders it offers, or go back to the built-in text. */
export function MailTemplatesSection() {
  const { t } = useI18n();
  const toast = useToast();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: templatesKey, queryFn: () => api.get<TemplateList>("/mail-templates") });
  const [key, setKey] = useState<MailTemplateKey>("meeting.announce");
  const current = list.data?.items.find((i) => i.key === key);
  const form = useZodForm(mailTemplateText, { defaultValues: { subject: "", body: "" } });
  const { reset: resetFields } = form;
  useEffect(() => {
    if (current) resetFields({ subject: current.subject, body: current.body });
  }, [current, resetFields]);
  const onDone = (data: TemplateList) => {
    qc.setQueryData(templatesKey, data);
    toast.show(t("state.saved"));
  };
  const save = useMutation({
    mutationFn: (text: MailTemplateText) => api.put<TemplateList>(`/mail-templates/${key}`, text),
    onSuccess: onDone,
  });
  const reset = useMutation({ mutationFn: () => api.delete<TemplateList>(`/mail-templates/${key}`), onSuccess: onDone });
  return (
    <section aria-labelledby="mail-templates" className="flex max-w-3xl flex-col gap-4">
      <h2 id="mail-templates" className="text-std-24B-150">
        {t("mailSettings.title")}
      </h2>
      <p>{t("mailSettings.lead")}</p>
      <QueryState query={list}>
        {(data) => (
          <ZodForm
            form={form}
            error={save.error ?? reset.error}
            aria-labelledby="mail-templates"
            onValid={(text) => save.mutate(text)}
            className="flex flex-col gap-4"
          >
            <SelectField
              label={t("mailSettings.kind")}
              value={key}
              onChange={(e) => setKey(e.target.value as MailTemplateKey)}
              options={data.items.map((i) => ({
                value: i.key,
                label: `${i.label}${i.customised ? t("mailSettings.customised") : ""}`,
              }))}
            />
            <p className="text-dns-14N-130">
              {t("mailSettings.placeholders")}
              {current?.placeholders.map((p) => `{${p}}`).join("　")}
            </p>
            <TextField label={t("mail.subject")} required {...form.field("subject")} />
            <TextAreaField label={t("mail.body")} rows={16} required {...form.field("body")} />
            <div className="flex flex-wrap gap-3">
              <Button type="submit" busy={save.isPending} busyLabel={t("state.saving")}>
                {t("mailSettings.save")}
              </Button>
              {current?.customised && (
                <Button variant="secondary" busy={reset.isPending} onClick={() => reset.mutate()}>
                  {t("mailSettings.reset")}
                </Button>
              )}
            </div>
          </ZodForm>
        )}
      </QueryState>
    </section>
  );
}

/** The sender's 問合せ先 printed under every official mail: the prefecture's contact data. */
export function ContactSection({ orgId, orgName }: { orgId: string; orgName: string }) {
  const { t } = useI18n();
  const contact = useQuery({ queryKey: orgContactKey(orgId), queryFn: () => api.get<OrgContact>(`/orgs/${orgId}/contact`) });
  return (
    <section aria-labelledby="contact-heading" className="flex max-w-2xl flex-col gap-4">
      <h2 id="contact-heading" className="text-std-24B-150">
        {t("contact.title", { org: orgName })}
      </h2>
      <p>{t("contact.lead")}</p>
      <QueryState query={contact}>{(c) => <OrgContactForm orgId={orgId} contact={c} labelledBy="contact-heading" />}</QueryState>
    </section>
  );
}
