import { useSearchParams } from "react-router";
import { SelectField } from "../../components/form-field.js";
import { useI18n } from "../../lib/i18n.js";
import { bodyName, useBodies } from "./api.js";

/** The body a list is filtered by, kept in the URL (?body=…) so a body's space can link to its filtered lists. */
export function useBodyFilter(): [string, (id: string) => void] {
  const [params, setParams] = useSearchParams();
  const bodyId = params.get("body") ?? "";
  const set = (id: string) => {
    const next = new URLSearchParams(params);
    if (id) next.set("body", id);
    else next.delete("body");
    setParams(next, { replace: true });
  };
  return [bodyId, set];
}

/** A select of the bodies the user can see, with "all bodies" first. */
export function BodyFilterField({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t, locale } = useI18n();
  const bodies = useBodies();
  return (
    <SelectField
      label={t("space.bodyFilter")}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      options={[
        { value: "", label: t("space.allBodies") },
        ...(bodies.data?.items ?? []).map((b) => ({ value: b.id, label: bodyName(b, locale) })),
      ]}
    />
  );
}
