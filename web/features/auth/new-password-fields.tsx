import type { FieldValues } from "react-hook-form";
import { z } from "zod";
import type { ZodFormApi } from "../../components/form.js";
import { TextField } from "../../components/form-field.js";
import { useI18n } from "../../lib/i18n.js";

/**
 * The request's schema (shared/api/auth.ts) with the new password typed twice: the repetition is checked
 * in the browser only and never sent.
 */
export function withConfirm<T extends z.ZodRawShape>(schema: z.ZodObject<T>, field: keyof T & string, mismatch: string) {
  return schema
    .extend({ confirm: z.string() })
    .refine((v) => (v as Record<string, unknown>)[field] === (v as Record<string, unknown>).confirm, {
      path: ["confirm"],
      message: mismatch,
    });
}

/** New password twice, with the rules as a hint; `name` is the request's field for the new password. */
export function NewPasswordFields<V extends FieldValues>({ form, name }: { form: ZodFormApi<V, unknown>; name: string }) {
  const { t } = useI18n();
  const f = form as unknown as ZodFormApi<Record<string, string>, unknown>;
  return (
    <>
      <TextField
        label={t("reset.password")}
        hint={t("password.rules")}
        type="password"
        autoComplete="new-password"
        required
        {...f.field(name)}
      />
      <TextField label={t("reset.confirm")} type="password" autoComplete="new-password" required {...f.field("confirm")} />
    </>
  );
}
