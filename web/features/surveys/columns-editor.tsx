import { type GridColumn, gridColumnKinds, questionKindLabels } from "../../../shared/surveys/definition.js";
import { Button } from "../../components/button.js";
import { CheckboxField, SelectField, TextField } from "../../components/form-field.js";
import { useI18n } from "../../lib/i18n.js";
import { nextId } from "./builder-ids.js";
import { OptionsField } from "./options-field.js";

function columnOfKind(c: GridColumn, kind: GridColumn["kind"]): GridColumn {
  const common = { id: c.id, label: c.label, required: c.required };
  if (kind === "short_text") return { ...common, kind, maxLength: 200 };
  if (kind === "number") return { ...common, kind, unit: "", min: null, max: null, decimals: 0 };
  if (kind === "single_choice") return { ...common, kind, options: [{ id: "o1", label: "選択肢1" }] };
  return { ...common, kind };
}

/** The grid's typed columns: a label, a kind, required, and the kind's details. */
export function ColumnsEditor({
  columns,
  onChange,
  error,
}: {
  columns: GridColumn[];
  onChange: (c: GridColumn[]) => void;
  error: (field: string) => string | undefined;
}) {
  const { t, label } = useI18n();
  const set = (i: number, c: GridColumn) => onChange(columns.map((x, j) => (j === i ? c : x)));
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="text-std-16B-170">{t("surveys.columns")}</legend>
      {columns.map((c, i) => (
        <div key={c.id} className="flex flex-col gap-3 rounded-8 bg-solid-gray-50 p-3">
          <div className="grid items-end gap-3 sm:grid-cols-[1fr_14rem_auto]">
            <TextField
              label={t("surveys.columnLabel", { n: i + 1 })}
              value={c.label}
              error={error(`columns.${i}.label`)}
              onChange={(e) => set(i, { ...c, label: e.target.value })}
            />
            <SelectField
              label={t("surveys.columnKind", { n: i + 1 })}
              value={c.kind}
              options={gridColumnKinds.map((k) => ({ value: k, label: label(questionKindLabels, k) }))}
              onChange={(e) => set(i, columnOfKind(c, e.target.value as GridColumn["kind"]))}
            />
            <Button
              variant="danger"
              size="sm"
              disabled={columns.length === 1}
              onClick={() => onChange(columns.filter((_, j) => j !== i))}
            >
              {t("surveys.removeColumn", { n: i + 1 })}
            </Button>
          </div>
          <CheckboxField
            label={t("surveys.columnRequired", { n: i + 1 })}
            checked={c.required}
            onChange={(e) => set(i, { ...c, required: e.target.checked })}
          />
          {c.kind === "single_choice" && (
            <OptionsField
              label={t("surveys.columnOptions", { n: i + 1 })}
              hint={t("surveys.linesHint")}
              prefix="o"
              options={c.options}
              error={error(`columns.${i}.options`)}
              onChange={(options) => set(i, { ...c, options })}
            />
          )}
          {c.kind === "number" && (
            <TextField
              label={t("surveys.columnUnit", { n: i + 1 })}
              className="max-w-60"
              value={c.unit}
              onChange={(e) => set(i, { ...c, unit: e.target.value })}
            />
          )}
        </div>
      ))}
      <div>
        <Button
          variant="secondary"
          size="sm"
          onClick={() =>
            onChange([
              ...columns,
              {
                id: nextId(
                  "c",
                  columns.map((c) => c.id),
                ),
                label: t("surveys.newColumn"),
                kind: "short_text",
                required: false,
                maxLength: 200,
              },
            ])
          }
        >
          {t("surveys.addColumn")}
        </Button>
      </div>
    </fieldset>
  );
}
