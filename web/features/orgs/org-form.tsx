import { orgInput, orgKindLabels, orgKinds } from "../../../shared/api/orgs.js";
import { numberOrText } from "../../../shared/numbers.js";
import { Button, ButtonLink } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextField } from "../../components/form-field.js";
import type { Org, OrgInput } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";

export interface OrgFormProps {
  initial?: Org;
  busy: boolean;
  error: unknown;
  cancelTo: string;
  onSubmit: (input: OrgInput) => void;
}

interface OrgFields {
  kind: string;
  lgCode: string;
  name: string;
  kana: string;
  nameEn: string;
  population: string;
}

/** The request body the fields stand for: "" is null, the population as the clerk typed it (「１２，３４５」). */
const toInput = (v: OrgFields) => ({
  kind: v.kind,
  lgCode: v.lgCode.trim() || null,
  name: v.name,
  kana: v.kana,
  nameEn: v.nameEn.trim() || null,
  population: numberOrText(v.population),
});

/** Create and edit share this form, checked by the create schema in the browser; the server's messages appear under each field too. */
export function OrgForm({ initial, busy, error, cancelTo, onSubmit }: OrgFormProps) {
  const { t, label } = useI18n();
  const form = useZodForm<typeof orgInput, OrgFields>(orgInput, {
    toInput,
    defaultValues: {
      kind: initial?.kind ?? "",
      lgCode: initial?.lgCode ?? "",
      name: initial?.name ?? "",
      kana: initial?.kana ?? "",
      nameEn: initial?.nameEn ?? "",
      population: initial?.population == null ? "" : String(initial.population),
    },
  });

  return (
    <ZodForm form={form} onValid={onSubmit} error={error} className="flex max-w-2xl flex-col gap-5">
      <SelectField
        label={t("orgs.kind")}
        required
        {...form.field("kind")}
        options={[{ value: "", label: t("form.select") }, ...orgKinds.map((k) => ({ value: k, label: label(orgKindLabels, k) }))]}
      />
      <TextField
        label={t("orgs.lgCode")}
        hint={t("orgs.lgCodeHint")}
        inputMode="numeric"
        maxLength={6}
        {...form.field("lgCode")}
      />
      <TextField label={t("orgs.name")} required {...form.field("name")} />
      <TextField label={t("orgs.kana")} required {...form.field("kana")} />
      <TextField label={t("orgs.nameEn")} lang="en" {...form.field("nameEn")} />
      <TextField label={t("orgs.population")} hint={t("orgs.populationHint")} inputMode="numeric" {...form.field("population")} />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" busy={busy} busyLabel={t("state.saving")}>
          {t("action.save")}
        </Button>
        <ButtonLink to={cancelTo}>{t("action.cancel")}</ButtonLink>
      </div>
    </ZodForm>
  );
}
