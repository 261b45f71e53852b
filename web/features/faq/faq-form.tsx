import { Controller } from "react-hook-form";
import { faqCategories, faqCategoryLabels, faqInput } from "../../../shared/api/faq.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { RichTextField } from "../../components/rich-text-field.js";
import { useI18n } from "../../lib/i18n.js";
import type { FaqArticle, FaqInput } from "./api.js";

/** The fields as typed: "" while no category is chosen (the schema refuses it with its message). */
type FaqFields = Omit<FaqInput, "category"> & { category: string };

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
  const form = useZodForm<typeof faqInput, FaqFields>(faqInput, {
    defaultValues: {
      category: initial?.category ?? "",
      question: initial?.question ?? "",
      answer: initial?.answer ?? "",
    },
  });
  return (
    <ZodForm form={form} onValid={onSubmit} error={error} className="flex flex-col gap-4">
      <SelectField
        label={t("desk.category")}
        required
        {...form.field("category")}
        options={[
          { value: "", label: t("form.select") },
          ...faqCategories.map((c) => ({ value: c, label: label(faqCategoryLabels, c) })),
        ]}
      />
      <TextField label={t("faq.question")} required {...form.field("question")} />
      <Controller
        control={form.control}
        name="answer"
        render={({ field, fieldState }) => (
          <RichTextField
            label={t("faq.answer")}
            required
            rows={12}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={fieldState.error?.message}
          />
        )}
      />
      <div>
        <Button type="submit" busy={busy} busyLabel={t("state.saving")}>
          {t("action.save")}
        </Button>
      </div>
    </ZodForm>
  );
}
