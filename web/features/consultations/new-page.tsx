import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import {
  consultationCategories,
  consultationCategoryLabels,
  contactLabels,
  contactMethods,
  urgencies,
  urgencyLabels,
} from "../../../shared/api/consultations.js";
import { FormError, fieldError } from "../../components/alert.js";
import { Button, ButtonLink } from "../../components/button.js";
import { SelectField, TextAreaField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { RadioGroup } from "../../components/radio-group.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { useFile } from "./api.js";
import { FaqSuggestions } from "./faq-suggestions.js";

const fields = ["category", "subject", "body", "urgency", "preferredContact", "contactNote"];

/** Filing a consultation: the form on the left, similar FAQ articles suggested on the right as the clerk types. */
export function NewConsultationPage() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const toast = useToast();
  const file = useFile();
  const [v, setV] = useState({
    category: "",
    subject: "",
    body: "",
    urgency: "normal",
    preferredContact: "portal",
    contactNote: "",
  });
  const [files, setFiles] = useState<File[]>([]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const form = new FormData();
    for (const [k, value] of Object.entries(v)) form.append(k, value);
    for (const f of files) form.append("files", f, f.name);
    file.mutate(form, {
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
        <form noValidate onSubmit={submit} className="flex flex-col gap-5">
          <FormError error={file.error} fields={fields} />
          <SelectField
            label={t("desk.category")}
            required
            value={v.category}
            onChange={(e) => setV({ ...v, category: e.target.value })}
            options={[
              { value: "", label: t("form.select") },
              ...consultationCategories.map((c) => ({ value: c, label: label(consultationCategoryLabels, c) })),
            ]}
            error={fieldError(file.error, "category")}
          />
          <TextField
            label={t("desk.form.subject")}
            required
            value={v.subject}
            maxLength={200}
            onChange={(e) => setV({ ...v, subject: e.target.value })}
            error={fieldError(file.error, "subject")}
          />
          <TextAreaField
            label={t("desk.form.body")}
            hint={t("desk.form.bodyHint")}
            required
            rows={8}
            value={v.body}
            onChange={(e) => setV({ ...v, body: e.target.value })}
            error={fieldError(file.error, "body")}
          />
          <RadioGroup
            legend={t("desk.form.urgency")}
            name="urgency"
            inline
            value={v.urgency}
            onChange={(urgency) => setV({ ...v, urgency })}
            options={urgencies.map((u) => ({ value: u, label: label(urgencyLabels, u) }))}
          />
          <RadioGroup
            legend={t("desk.form.contact")}
            name="contact"
            inline
            value={v.preferredContact}
            onChange={(preferredContact) => setV({ ...v, preferredContact })}
            options={contactMethods.map((c) => ({ value: c, label: label(contactLabels, c) }))}
          />
          <TextField
            label={t("desk.form.contactNote")}
            value={v.contactNote}
            onChange={(e) => setV({ ...v, contactNote: e.target.value })}
          />
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
        </form>
        <FaqSuggestions text={`${v.subject}\n${v.body}`} />
      </div>
    </>
  );
}
