import { useEffect, useId, useState } from "react";
import { parseNumberInput } from "../../../shared/numbers.js";
import type { Question } from "../../../shared/surveys/definition.js";
import type { MultipleChoiceValue } from "../../../shared/surveys/rules.js";
import { TextAreaField, TextField } from "../../components/form-field.js";
import { useI18n } from "../../lib/i18n.js";
import { FileField } from "./file-field.js";
import { GridField } from "./grid-field.js";

export interface FieldContext {
  disabled?: boolean;
  /** Uploads files for a file question and gives back their ids and names (absent in a preview). */
  upload?: (files: File[]) => Promise<{ id: string; name: string }[]>;
  fileNames: Map<string, string>;
  fileHref?: (id: string) => string;
}

interface Props extends FieldContext {
  q: Question;
  value: unknown;
  onChange: (v: unknown) => void;
  /** Messages by sub-path: "" for the question, "row.col" for a grid cell. */
  errors: Map<string, string>;
}

/** One question as the respondent sees it, by kind; the label, help and error are tied to the control. */
export function QuestionField(props: Props) {
  const { q, value, onChange, errors, disabled } = props;
  const { t } = useI18n();
  const error = errors.get("");
  const hint = q.help || undefined;
  switch (q.kind) {
    case "short_text":
      return (
        <TextField
          label={q.title}
          hint={hint}
          error={error}
          required={q.required}
          disabled={disabled}
          maxLength={q.maxLength}
          value={(value as string) ?? ""}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case "long_text":
      return (
        <TextAreaField
          label={q.title}
          hint={hint}
          error={error}
          required={q.required}
          disabled={disabled}
          value={(value as string) ?? ""}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case "number":
      return <NumberField {...props} q={q} />;
    case "date":
      return (
        <TextField
          type="date"
          label={q.title}
          hint={hint}
          error={error}
          required={q.required}
          disabled={disabled}
          className="max-w-60"
          value={(value as string) ?? ""}
          onChange={(e) => onChange(e.target.value || null)}
        />
      );
    case "single_choice":
    case "yes_no": {
      const options =
        q.kind === "yes_no"
          ? [
              { id: "true", label: t("surveys.yes") },
              { id: "false", label: t("surveys.no") },
            ]
          : q.options;
      const current =
        q.kind === "yes_no" ? (value == null ? "" : String(value)) : typeof value === "string" ? value : value ? "__other__" : "";
      const other = typeof value === "object" && value ? (value as { other: string }).other : "";
      return (
        <ChoiceFrame q={q} error={error}>
          {options.map((o) => (
            <Choice
              key={o.id}
              type="radio"
              name={q.id}
              label={o.label}
              checked={current === o.id}
              disabled={disabled}
              onChange={() => onChange(q.kind === "yes_no" ? o.id === "true" : o.id)}
            />
          ))}
          {q.kind === "single_choice" && q.allowOther && (
            <OtherChoice
              type="radio"
              name={q.id}
              checked={current === "__other__"}
              text={other}
              disabled={disabled}
              onCheck={() => onChange({ other })}
              onText={(text) => onChange({ other: text })}
            />
          )}
        </ChoiceFrame>
      );
    }
    case "multiple_choice": {
      const m = (value as MultipleChoiceValue | undefined) ?? { choices: [] };
      const toggle = (id: string, on: boolean) =>
        onChange({ ...m, choices: on ? [...m.choices, id] : m.choices.filter((c) => c !== id) });
      return (
        <ChoiceFrame q={q} error={error}>
          {q.options.map((o) => (
            <Choice
              key={o.id}
              type="checkbox"
              name={q.id}
              label={o.label}
              checked={m.choices.includes(o.id)}
              disabled={disabled}
              onChange={(on) => toggle(o.id, on)}
            />
          ))}
          {q.allowOther && (
            <OtherChoice
              type="checkbox"
              name={q.id}
              checked={m.other != null}
              text={m.other ?? ""}
              disabled={disabled}
              onCheck={(on) => onChange({ ...m, other: on ? "" : null })}
              onText={(text) => onChange({ ...m, other: text })}
            />
          )}
        </ChoiceFrame>
      );
    }
    case "file":
      return <FileField {...props} q={q} />;
    case "grid":
      return <GridField {...props} q={q} />;
  }
}

/** Keeps what is typed as text; only a real number reaches the answer (a half-typed one stays on screen). */
function NumberField({ q, value, onChange, errors, disabled }: Props & { q: Extract<Question, { kind: "number" }> }) {
  const { t } = useI18n();
  const [text, setText] = useState(value == null ? "" : String(value));
  useEffect(() => {
    setText((cur) => (parseNumberInput(cur) === (value ?? null) ? cur : value == null ? "" : String(value)));
  }, [value]);
  const bad = Number.isNaN(parseNumberInput(text));
  const range = [q.min != null ? t("surveys.min", { n: q.min }) : "", q.max != null ? t("surveys.max", { n: q.max }) : ""]
    .filter(Boolean)
    .join("・");
  return (
    <TextField
      label={`${q.title}${q.unit ? `（${q.unit}）` : ""}`}
      hint={[q.help, range].filter(Boolean).join(" ") || undefined}
      error={bad ? t("surveys.notANumber") : errors.get("")}
      required={q.required}
      disabled={disabled}
      inputMode="decimal"
      className="max-w-60"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        // Full-width digits, commas and spaces are read as the clerk meant them (shared/numbers.ts).
        const n = parseNumberInput(e.target.value);
        if (!Number.isNaN(n)) onChange(n);
      }}
    />
  );
}

function ChoiceFrame({ q, error, children }: { q: Question; error?: string; children: React.ReactNode }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <fieldset className="flex flex-col gap-1" aria-describedby={error ? `${id}-error` : q.help ? `${id}-hint` : undefined}>
      <legend className="mb-1 text-std-16B-170 text-solid-gray-800">
        {q.title}
        {q.required && <span className="ml-2 text-dns-14N-130 text-error-2"> {t("form.required")}</span>}
      </legend>
      {q.help && (
        <p id={`${id}-hint`} className="text-dns-14N-130 text-solid-gray-700">
          {q.help}
        </p>
      )}
      <div className="flex flex-col gap-1">{children}</div>
      {error && (
        <p id={`${id}-error`} className="text-dns-16N-130 text-error-2">
          <span aria-hidden="true">! </span>
          {error}
        </p>
      )}
    </fieldset>
  );
}

function Choice(p: {
  type: "radio" | "checkbox";
  name: string;
  label: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (on: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <input
        id={id}
        type={p.type}
        name={p.name}
        checked={p.checked}
        disabled={p.disabled}
        onChange={(e) => p.onChange(e.target.checked)}
        className="size-5 accent-blue-900"
      />
      <label htmlFor={id} className="text-std-16N-170">
        {p.label}
      </label>
    </div>
  );
}

function OtherChoice(p: {
  type: "radio" | "checkbox";
  name: string;
  checked: boolean;
  text: string;
  disabled?: boolean;
  onCheck: (on: boolean) => void;
  onText: (text: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <input
        id={id}
        type={p.type}
        name={p.name}
        checked={p.checked}
        disabled={p.disabled}
        onChange={(e) => p.onCheck(e.target.checked)}
        className="size-5 accent-blue-900"
      />
      <label htmlFor={id} className="text-std-16N-170">
        {t("surveys.other")}
      </label>
      <input
        aria-label={t("surveys.otherText")}
        value={p.text}
        disabled={p.disabled || !p.checked}
        onChange={(e) => p.onText(e.target.value)}
        className="min-w-0 flex-1 rounded-8 border border-solid-gray-900 px-3 py-2 text-std-16N-170 disabled:border-solid-gray-300 disabled:bg-solid-gray-50"
      />
    </div>
  );
}
