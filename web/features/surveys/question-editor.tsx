import { useId } from "react";
import { parseNumberInput } from "../../../shared/numbers.js";
import { type Question, type QuestionKind, questionKindLabels, questionKinds } from "../../../shared/surveys/definition.js";
import { Button } from "../../components/button.js";
import { CheckboxField, SelectField, TextAreaField, TextField } from "../../components/form-field.js";
import { useI18n } from "../../lib/i18n.js";
import { ColumnsEditor } from "./columns-editor.js";
import { ConditionEditor } from "./condition-editor.js";
import { OptionsField } from "./options-field.js";

const opts = (n: number, prefix = "o", word = "選択肢") =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, label: `${word}${i + 1}` }));

/** A question of another kind keeping what every kind has (id, title, help, required, condition). */
export function withKind(q: Question, kind: QuestionKind): Question {
  const common = { id: q.id, title: q.title, help: q.help, required: q.required, showIf: q.showIf };
  switch (kind) {
    case "short_text":
      return { ...common, kind, maxLength: 200 };
    case "long_text":
      return { ...common, kind, maxLength: 5000 };
    case "number":
      return { ...common, kind, unit: "", min: null, max: null, decimals: 0 };
    case "single_choice":
      return { ...common, kind, options: "options" in q ? q.options : opts(2), allowOther: false };
    case "multiple_choice":
      return { ...common, kind, options: "options" in q ? q.options : opts(2), allowOther: false, maxSelections: null };
    case "file":
      return { ...common, kind, maxFiles: 1 };
    case "grid":
      return {
        ...common,
        kind,
        rows: opts(1, "r", "行"),
        columns: [{ id: "c1", label: "列1", kind: "short_text", required: false, maxLength: 200 }],
      };
    default:
      return { ...common, kind } as Question;
  }
}

const num = (v: string) => {
  const n = parseNumberInput(v);
  return n === null || Number.isNaN(n) ? null : n;
};

/** One question in the builder: its kind, text, rules and condition; errors come by path from the server. */
export function QuestionEditor({
  q,
  index,
  earlier,
  onChange,
  onMove,
  onRemove,
  error,
}: {
  q: Question;
  index: number;
  /** The questions before this one (a condition may only point back). */
  earlier: Question[];
  onChange: (q: Question) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  error: (field: string) => string | undefined;
}) {
  const { t, label } = useI18n();
  const id = useId();
  const set = (patch: Partial<Question>) => onChange({ ...q, ...patch } as Question);
  return (
    <fieldset aria-labelledby={`${id}-legend`} className="flex flex-col gap-4 rounded-8 border border-solid-gray-420 p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={`${id}-legend`} className="text-std-18B-160">
          {t("surveys.questionN", { n: index + 1 })}
          {q.title ? `：${q.title}` : ""}
        </h3>
        <div className="flex gap-2">
          <Button variant="text" size="sm" onClick={() => onMove(-1)}>
            {t("surveys.moveUp")}
          </Button>
          <Button variant="text" size="sm" onClick={() => onMove(1)}>
            {t("surveys.moveDown")}
          </Button>
          <Button variant="danger" size="sm" onClick={onRemove}>
            {t("surveys.removeQuestion")}
          </Button>
        </div>
      </div>
      <SelectField
        label={t("surveys.kind")}
        value={q.kind}
        className="max-w-80"
        options={questionKinds.map((k) => ({ value: k, label: label(questionKindLabels, k) }))}
        onChange={(e) => onChange(withKind(q, e.target.value as QuestionKind))}
      />
      <TextField
        label={t("surveys.questionTitle")}
        required
        value={q.title}
        error={error("title")}
        onChange={(e) => set({ title: e.target.value })}
      />
      <TextAreaField label={t("surveys.help")} rows={2} value={q.help} onChange={(e) => set({ help: e.target.value })} />
      <CheckboxField label={t("surveys.required")} checked={q.required} onChange={(e) => set({ required: e.target.checked })} />
      <KindFields q={q} set={set} error={error} />
      <ConditionEditor q={q} earlier={earlier} error={error("showIf")} onChange={(showIf) => set({ showIf })} />
    </fieldset>
  );
}

function KindFields({
  q,
  set,
  error,
}: {
  q: Question;
  set: (p: Partial<Question>) => void;
  error: (f: string) => string | undefined;
}) {
  const { t } = useI18n();
  switch (q.kind) {
    case "short_text":
    case "long_text":
      return (
        <TextField
          label={t("surveys.maxLength")}
          inputMode="numeric"
          className="max-w-60"
          value={String(q.maxLength)}
          onChange={(e) => set({ maxLength: num(e.target.value) ?? 1 } as Partial<Question>)}
        />
      );
    case "number":
      return (
        <div className="grid gap-4 sm:grid-cols-4">
          <TextField
            label={t("surveys.unit")}
            value={q.unit}
            onChange={(e) => set({ unit: e.target.value } as Partial<Question>)}
          />
          <TextField
            label={t("surveys.minValue")}
            inputMode="decimal"
            value={q.min ?? ""}
            onChange={(e) => set({ min: num(e.target.value) } as Partial<Question>)}
          />
          <TextField
            label={t("surveys.maxValue")}
            inputMode="decimal"
            value={q.max ?? ""}
            error={error("max")}
            onChange={(e) => set({ max: num(e.target.value) } as Partial<Question>)}
          />
          <TextField
            label={t("surveys.decimals")}
            inputMode="numeric"
            value={q.decimals}
            onChange={(e) => set({ decimals: num(e.target.value) ?? 0 } as Partial<Question>)}
          />
        </div>
      );
    case "single_choice":
    case "multiple_choice":
      return (
        <>
          <OptionsField
            label={t("surveys.options")}
            hint={t("surveys.linesHint")}
            prefix="o"
            options={q.options}
            error={error("options")}
            onChange={(options) => set({ options } as Partial<Question>)}
          />
          <CheckboxField
            label={t("surveys.allowOther")}
            checked={q.allowOther}
            onChange={(e) => set({ allowOther: e.target.checked } as Partial<Question>)}
          />
        </>
      );
    case "file":
      return (
        <TextField
          label={t("surveys.maxFiles")}
          inputMode="numeric"
          className="max-w-60"
          value={q.maxFiles}
          onChange={(e) => set({ maxFiles: Math.min(10, Math.max(1, num(e.target.value) ?? 1)) } as Partial<Question>)}
        />
      );
    case "grid":
      return (
        <>
          <OptionsField
            label={t("surveys.rows")}
            hint={t("surveys.rowsHint")}
            prefix="r"
            options={q.rows}
            error={error("rows")}
            onChange={(rows) => set({ rows } as Partial<Question>)}
          />
          <ColumnsEditor columns={q.columns} error={error} onChange={(columns) => set({ columns } as Partial<Question>)} />
        </>
      );
    default:
      return null;
  }
}
