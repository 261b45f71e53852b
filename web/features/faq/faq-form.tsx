import { type FormEvent, useState } from "react";
import { faqCategories, faqCategoryLabels } from "../../../shared/api/faq.js";
import { FormError, fieldError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { RichTextField } from "../../components/rich-text-field.js";
import { useI18n } from "../../lib/i18n.js";
import type { FaqArticle, FaqInput } from "./api.js";

export function FaqForm({
  initial,
  busy,
  error,
  onSubmit,
}: {
  initial?: FaqArticle;
  busy: boolean;
  error: unknown;
  onSubmit: (v: FaqInput) => void;
}) {
  const { t, label } = useI18n();
  const [v, setV] = useState({
    category: initial?.category ?? "",
    question: initial?.question ?? "",
    answer: initial?.answer ?? "",
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(v as FaqInput);
  };
  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-4">
      <FormError error={error} fields={["category", "question", "answer"]} />
      <SelectField
        label={t("desk.category")}
        required
        value={v.category}
        onChange={(e) => setV({ ...v, category: e.target.value as FaqInput["category"] })}
        options={[
          { value: "", label: t("form.select") },
          ...faqCategories.map((c) => ({ value: c, label: label(faqCategoryLabels, c) })),
        ]}
        error={fieldError(error, "category")}
      />
      <TextField
        label={t("faq.question")}
        required
        value={v.question}
        onChange={(e) => setV({ ...v, question: e.target.value })}
        error={fieldError(error, "question")}
      />
      <RichTextField
        label={t("faq.answer")}
        required
        rows={12}
        value={v.answer}
        onChange={(answer) => setV({ ...v, answer })}
        error={fieldError(error, "answer")}
      />
      <div>
        <Button type="submit" busy={busy} busyLabel={t("state.saving")}>
          {t("action.save")}
        </Button>
      </div>
    </form>
  );
}
