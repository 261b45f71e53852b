import { type FormEvent, useState } from "react";
import { orgKindLabels, orgKinds } from "../../../shared/api/orgs.js";
import { numberOrText } from "../../../shared/numbers.js";
import { FormError, fieldError } from "../../components/alert.js";
import { Button, ButtonLink } from "../../components/button.js";
import { SelectField, TextField } from "../../components/form-field.js";
import type { Org, OrgInput, OrgKind } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";

const fields = ["kind", "lgCode", "name", "kana", "nameEn", "population"];

export interface OrgFormProps {
  initial?: Org;
  busy: boolean;
  error: unknown;
  cancelTo: string;
  onSubmit: (input: OrgInput) => void;
}

/** Create and edit share this form; the server's field messages appear under each field. */
export function OrgForm({ initial, busy, error, cancelTo, onSubmit }: OrgFormProps) {
  const { t, label } = useI18n();
  const [v, setV] = useState({
    kind: initial?.kind ?? "",
    lgCode: initial?.lgCode ?? "",
    name: initial?.name ?? "",
    kana: initial?.kana ?? "",
    nameEn: initial?.nameEn ?? "",
    population: initial?.population == null ? "" : String(initial.population),
  });
  const [popError, setPopError] = useState<string>();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const pop = v.population.replaceAll(",", "").trim();
    if (pop && !/^\d+$/.test(pop)) {
      setPopError(t("orgs.populationInvalid"));
      return;
    }
    setPopError(undefined);
    onSubmit({
      kind: v.kind as OrgKind,
      lgCode: v.lgCode.trim() || null,
      name: v.name,
      kana: v.kana,
      nameEn: v.nameEn.trim() || null,
      population: numberOrText(pop),
    });
  };

  return (
    <form noValidate onSubmit={submit} className="flex max-w-2xl flex-col gap-5">
      <FormError error={error} fields={fields} />
      <SelectField
        label={t("orgs.kind")}
        required
        value={v.kind}
        onChange={(e) => setV({ ...v, kind: e.target.value as OrgKind })}
        options={[{ value: "", label: t("form.select") }, ...orgKinds.map((k) => ({ value: k, label: label(orgKindLabels, k) }))]}
        error={fieldError(error, "kind")}
      />
      <TextField
        label={t("orgs.lgCode")}
        hint={t("orgs.lgCodeHint")}
        inputMode="numeric"
        maxLength={6}
        value={v.lgCode}
        onChange={(e) => setV({ ...v, lgCode: e.target.value })}
        error={fieldError(error, "lgCode")}
      />
      <TextField
        label={t("orgs.name")}
        required
        value={v.name}
        onChange={(e) => setV({ ...v, name: e.target.value })}
        error={fieldError(error, "name")}
      />
      <TextField
        label={t("orgs.kana")}
        required
        value={v.kana}
        onChange={(e) => setV({ ...v, kana: e.target.value })}
        error={fieldError(error, "kana")}
      />
      <TextField
        label={t("orgs.nameEn")}
        lang="en"
        value={v.nameEn}
        onChange={(e) => setV({ ...v, nameEn: e.target.value })}
        error={fieldError(error, "nameEn")}
      />
      <TextField
        label={t("orgs.population")}
        hint={t("orgs.populationHint")}
        inputMode="numeric"
        value={v.population}
        onChange={(e) => setV({ ...v, population: e.target.value })}
        error={popError ?? fieldError(error, "population")}
      />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" busy={busy} busyLabel={t("state.saving")}>
          {t("action.save")}
        </Button>
        <ButtonLink to={cancelTo}>{t("action.cancel")}</ButtonLink>
      </div>
    </form>
  );
}
