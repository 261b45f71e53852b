import { Controller } from "react-hook-form";
import { bodyInput, bodyKindLabels, bodyKinds } from "../../../shared/api/bodies.js";
import { Button, ButtonLink } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextAreaField, TextField } from "../../components/form-field.js";
import { RadioGroup } from "../../components/radio-group.js";
import type { Body, BodyInput } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { useBodies } from "./api.js";

type Visibility = Body["visibility"];

export interface BodyFormProps {
  initial?: Body;
  busy: boolean;
  error: unknown;
  cancelTo: string;
  onSubmit: (input: BodyInput) => void;
}

/** The fields as typed: "" while no kind is chosen, and "" for no parent, English name or theme (the request sends null). */
type BodyFields = {
  kind: string;
  parentId: string;
  name: string;
  nameEn: string;
  theme: string;
  description: string;
  visibility: Visibility;
};
const toInput = (v: BodyFields) => ({
  ...v,
  parentId: v.parentId || null,
  nameEn: v.nameEn.trim() || null,
  theme: v.theme.trim() || null,
});

export function BodyForm({ initial, busy, error, cancelTo, onSubmit }: BodyFormProps) {
  const { t, label } = useI18n();
  const bodies = useBodies();
  const form = useZodForm<typeof bodyInput, BodyFields>(bodyInput, {
    toInput,
    defaultValues: {
      kind: initial?.kind ?? "",
      parentId: initial?.parentId ?? "",
      name: initial?.name ?? "",
      nameEn: initial?.nameEn ?? "",
      theme: initial?.theme ?? "",
      description: initial?.description ?? "",
      visibility: initial?.visibility ?? "all",
    },
  });
  const parents = (bodies.data?.items ?? []).filter((b) => b.id !== initial?.id);

  return (
    <ZodForm form={form} onValid={onSubmit} error={error} className="flex max-w-2xl flex-col gap-5">
      <SelectField
        label={t("bodies.kind")}
        required
        {...form.field("kind")}
        options={[
          { value: "", label: t("form.select") },
          ...bodyKinds.map((k) => ({ value: k, label: label(bodyKindLabels, k) })),
        ]}
      />
      <SelectField
        label={t("bodies.parent")}
        hint={t("bodies.parentHint")}
        {...form.field("parentId")}
        options={[{ value: "", label: t("bodies.noParent") }, ...parents.map((b) => ({ value: b.id, label: b.name }))]}
      />
      <TextField label={t("bodies.name")} required {...form.field("name")} />
      <TextField label={t("bodies.nameEn")} lang="en" {...form.field("nameEn")} />
      <TextField label={t("bodies.theme")} {...form.field("theme")} />
      <TextAreaField label={t("bodies.description")} {...form.field("description")} />
      <Controller
        control={form.control}
        name="visibility"
        render={({ field }) => (
          <RadioGroup<Visibility>
            legend={t("bodies.visibility")}
            name="visibility"
            value={field.value}
            onChange={field.onChange}
            options={[
              { value: "all", label: t("bodies.openLong") },
              { value: "members", label: t("bodies.membersOnlyLong") },
            ]}
          />
        )}
      />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" busy={busy} busyLabel={t("state.saving")}>
          {t("action.save")}
        </Button>
        <ButtonLink to={cancelTo}>{t("action.cancel")}</ButtonLink>
      </div>
    </ZodForm>
  );
}
