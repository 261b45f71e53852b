import { type FormEvent, useState } from "react";
import { bodyKindLabels, bodyKinds } from "../../../shared/api/bodies.js";
import { FormError, fieldError } from "../../components/alert.js";
import { Button, ButtonLink } from "../../components/button.js";
import { SelectField, TextAreaField, TextField } from "../../components/form-field.js";
import { RadioGroup } from "../../components/radio-group.js";
import type { Body, BodyInput } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { useBodies } from "./api.js";

type Kind = Body["kind"];
type Visibility = Body["visibility"];
const fields = ["kind", "parentId", "name", "nameEn", "theme", "description", "visibility"];

export interface BodyFormProps {
  initial?: Body;
  busy: boolean;
  error: unknown;
  cancelTo: string;
  onSubmit: (input: BodyInput) => void;
}

export function BodyForm({ initial, busy, error, cancelTo, onSubmit }: BodyFormProps) {
  const { t, label } = useI18n();
  const bodies = useBodies();
  const [v, setV] = useState({
    kind: (initial?.kind ?? "") as Kind | "",
    parentId: initial?.parentId ?? "",
    name: initial?.name ?? "",
    nameEn: initial?.nameEn ?? "",
    theme: initial?.theme ?? "",
    description: initial?.description ?? "",
    visibility: (initial?.visibility ?? "all") as Visibility,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({
      kind: v.kind as Kind,
      parentId: v.parentId || null,
      name: v.name,
      nameEn: v.nameEn.trim() || null,
      theme: v.theme.trim() || null,
      description: v.description,
      visibility: v.visibility,
    });
  };
  const parents = (bodies.data?.items ?? []).filter((b) => b.id !== initial?.id);

  return (
    <form noValidate onSubmit={submit} className="flex max-w-2xl flex-col gap-5">
      <FormError error={error} fields={fields} />
      <SelectField
        label={t("bodies.kind")}
        required
        value={v.kind}
        onChange={(e) => setV({ ...v, kind: e.target.value as Kind })}
        options={[
          { value: "", label: t("form.select") },
          ...bodyKinds.map((k) => ({ value: k, label: label(bodyKindLabels, k) })),
        ]}
        error={fieldError(error, "kind")}
      />
      <SelectField
        label={t("bodies.parent")}
        hint={t("bodies.parentHint")}
        value={v.parentId}
        onChange={(e) => setV({ ...v, parentId: e.target.value })}
        options={[{ value: "", label: t("bodies.noParent") }, ...parents.map((b) => ({ value: b.id, label: b.name }))]}
        error={fieldError(error, "parentId")}
      />
      <TextField
        label={t("bodies.name")}
        required
        value={v.name}
        onChange={(e) => setV({ ...v, name: e.target.value })}
        error={fieldError(error, "name")}
      />
      <TextField
        label={t("bodies.nameEn")}
        lang="en"
        value={v.nameEn}
        onChange={(e) => setV({ ...v, nameEn: e.target.value })}
        error={fieldError(error, "nameEn")}
      />
      <TextField
        label={t("bodies.theme")}
        value={v.theme}
        onChange={(e) => setV({ ...v, theme: e.target.value })}
        error={fieldError(error, "theme")}
      />
      <TextAreaField
        label={t("bodies.description")}
        value={v.description}
        onChange={(e) => setV({ ...v, description: e.target.value })}
        error={fieldError(error, "description")}
      />
      <RadioGroup<Visibility>
        legend={t("bodies.visibility")}
        name="visibility"
        value={v.visibility}
        onChange={(visibility) => setV({ ...v, visibility })}
        options={[
          { value: "all", label: t("bodies.openLong") },
          { value: "members", label: t("bodies.membersOnlyLong") },
        ]}
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
