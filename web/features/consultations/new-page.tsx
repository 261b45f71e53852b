import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Controller } from "react-hook-form";
import { useNavigate } from "react-router";
import {
  consultationCategories,
  consultationCategoryLabels,
  consultationChannelLabels,
  consultationChannels,
  consultationInput,
  contactLabels,
  contactMethods,
  urgencies,
  urgencyLabels,
} from "../../../shared/api/consultations.js";
import { useMe } from "../../app/session.js";
import { Button, ButtonLink } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextAreaField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { RadioGroup } from "../../components/radio-group.js";
import { useToast } from "../../components/toast.js";
import { api } from "../../lib/api.js";
import type { ListOf, Org } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { useFile } from "./api.js";
import { FaqSuggestions } from "./faq-suggestions.js";

/** The desk (secretariat, specialists) may file for a town that phoned, mailed or visited. */
const intakeRoles = ["secretariat", "specialist"];

/**
 * Filing a consultation: the form on the left, similar FAQ articles suggested on the right as the clerk types.
 * Desk staff also choose the town, how it reached them and who asked.
 */
export function NewConsultationPage() {
  const { t, label } = useI18n();
  const me = useMe();
  const desk = intakeRoles.includes(me.user.role);
  const orgs = useQuery({ queryKey: ["orgs", "list"], queryFn: () => api.get<ListOf<Org>>("/orgs"), enabled: desk });
  const navigate = useNavigate();
  const toast = useToast();
  const file = useFile();
  const form = useZodForm(consultationInput, {
    defaultValues: {
      category: "",
      subject: "",
      body: "",
      urgency: "normal",
      preferredContact: "portal",
      contactNote: "",
      orgId: "",
      channel: desk ? "" : "portal",
      askerName: "",
    },
    // An unchosen town is no town: the schema then reports it only where the server would.
    toInput: (v) => ({ ...v, orgId: v.orgId || undefined }),
  });
  const [files, setFiles] = useState<File[]>([]);
  const [subject, body] = form.watch(["subject", "body"]);

  const submit = (values: Record<string, string | undefined>) => {
    const data = new FormData();
    for (const [k, value] of Object.entries(values)) if (value !== undefined) data.append(k, value);
    for (const f of files) data.append("files", f, f.name);
    file.mutate(data, {
      onSuccess: (c) => {
        toast.show(t("desk.form.sent"), "success");
        navigate(`/consultations/${c.id}`);
      },
    });
  };

  return (
    <>
      <PageHeader
        title={t("desk.form.title")}
        description={t("desk.form.lead")}
        breadcrumbs={[{ label: t("desk.titleOwn"), to: "/consultations" }, { label: t("desk.form.title") }]}
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <ZodForm form={form} onValid={submit} error={file.error} className="flex flex-col gap-5">
          {desk && (
            <fieldset className="flex flex-col gap-4 rounded border border-slate-300 p-4">
              <legend className="px-1 font-semibold">{t("desk.intake.legend")}</legend>
              <SelectField
                label={t("desk.intake.org")}
                required
                {...form.field("orgId")}
                options={[
                  { value: "", label: t("form.select") },
                  ...(orgs.data?.items ?? []).filter((o) => o.kind !== "prefecture").map((o) => ({ value: o.id, label: o.name })),
                ]}
              />
              <SelectField
                label={t("desk.intake.channel")}
                required
                {...form.field("channel")}
                options={[
                  { value: "", label: t("form.select") },
                  ...consultationChannels
                    .filter((c) => c !== "portal")
                    .map((c) => ({ value: c, label: label(consultationChannelLabels, c) })),
                ]}
              />
              <TextField label={t("desk.intake.asker")} hint={t("desk.intake.askerHint")} required {...form.field("askerName")} />
            </fieldset>
          )}
          <SelectField
            label={t("desk.category")}
            required
            {...form.field("category")}
            options={[
              { value: "", label: t("form.select") },
              ...consultationCategories.map((c) => ({ value: c, label: label(consultationCategoryLabels, c) })),
            ]}
          />
          <TextField label={t("desk.form.subject")} required {...form.field("subject")} />
          <TextAreaField label={t("desk.form.body")} hint={t("desk.form.bodyHint")} required rows={8} {...form.field("body")} />
          <Controller
            control={form.control}
            name="urgency"
            render={({ field }) => (
              <RadioGroup
                legend={t("desk.form.urgency")}
                name={field.name}
                inline
                value={field.value ?? null}
                onChange={field.onChange}
                options={urgencies.map((u) => ({ value: u, label: label(urgencyLabels, u) }))}
              />
            )}
          />
          <Controller
            control={form.control}
            name="preferredContact"
            render={({ field }) => (
              <RadioGroup
                legend={t("desk.form.contact")}
                name={field.name}
                inline
                value={field.value ?? null}
                onChange={field.onChange}
                options={contactMethods.map((c) => ({ value: c, label: label(contactLabels, c) }))}
              />
            )}
          />
          <TextField label={t("desk.form.contactNote")} {...form.field("contactNote")} />
          <TextField
            label={t("desk.form.files")}
            hint={t("desk.form.filesHint", { mb: 20 })}
            type="file"
            multiple
            accept=".pdf,.docx,.xlsx,.pptx,.doc,.xls,.ppt,.png,.jpg,.jpeg,.gif,.webp,.txt,.csv"
            onChange={(e) => setFiles([...(e.target.files ?? [])])}
          />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" busy={file.isPending} busyLabel={t("desk.form.sending")}>
              {t("desk.form.submit")}
            </Button>
            <ButtonLink to="/consultations">{t("action.cancel")}</ButtonLink>
          </div>
        </ZodForm>
        <FaqSuggestions text={`${subject}\n${body}`} />
      </div>
    </>
  );
}
