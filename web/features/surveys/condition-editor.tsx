import type { Condition, Question } from "../../../shared/surveys/definition.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { useI18n } from "../../lib/i18n.js";

/** "Show this question only when an earlier answer is X": question, test and value. */
export function ConditionEditor({
  q,
  earlier,
  error,
  onChange,
}: {
  q: Question;
  earlier: Question[];
  error?: string;
  onChange: (c: Condition | null) => void;
}) {
  const { t } = useI18n();
  const candidates = earlier.filter((x) => x.kind !== "grid" && x.kind !== "file");
  const c = q.showIf;
  const target = candidates.find((x) => x.id === c?.questionId);
  const values =
    target?.kind === "yes_no"
      ? [
          { value: "true", label: t("surveys.yes") },
          { value: "false", label: t("surveys.no") },
        ]
      : target && "options" in target
        ? target.options.map((o) => ({ value: o.id, label: o.label }))
        : null;
  if (!candidates.length) return null;
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <SelectField
        label={t("surveys.showIf")}
        value={c?.questionId ?? ""}
        error={error}
        options={[{ value: "", label: t("surveys.always") }, ...candidates.map((x) => ({ value: x.id, label: x.title || x.id }))]}
        onChange={(e) => {
          const next = candidates.find((x) => x.id === e.target.value);
          if (!next) return onChange(null);
          const op = next.kind === "multiple_choice" ? "includes" : "equals";
          const value = next.kind === "yes_no" ? true : "options" in next ? (next.options[0]?.id ?? "") : "";
          onChange({ questionId: next.id, op, value });
        }}
      />
      {c && target && (
        <>
          <SelectField
            label={t("surveys.conditionOp")}
            value={c.op}
            options={(target.kind === "multiple_choice" ? ["includes", "answered"] : ["equals", "notEquals", "answered"]).map(
              (op) => ({
                value: op,
                label: t(`surveys.op.${op}` as "surveys.op.equals"),
              }),
            )}
            onChange={(e) => onChange({ ...c, op: e.target.value as Condition["op"] })}
          />
          {c.op !== "answered" &&
            (values ? (
              <SelectField
                label={t("surveys.conditionValue")}
                value={String(c.value ?? "")}
                options={values}
                onChange={(e) => onChange({ ...c, value: target.kind === "yes_no" ? e.target.value === "true" : e.target.value })}
              />
            ) : (
              <TextField
                label={t("surveys.conditionValue")}
                value={String(c.value ?? "")}
                onChange={(e) => onChange({ ...c, value: e.target.value })}
              />
            ))}
        </>
      )}
    </div>
  );
}
