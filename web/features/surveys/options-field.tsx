import { useEffect, useState } from "react";
import type { ChoiceOption } from "../../../shared/surveys/definition.js";
import { TextAreaField } from "../../components/form-field.js";
import { linesToOptions, optionsToLines } from "./builder-ids.js";

/** Choices (or grid rows) typed one per line — the quickest way to paste a list from Excel. */
export function OptionsField({
  label,
  hint,
  error,
  options,
  prefix,
  onChange,
  disabled,
}: {
  label: string;
  hint: string;
  error?: string;
  options: ChoiceOption[];
  prefix: string;
  onChange: (o: ChoiceOption[]) => void;
  disabled?: boolean;
}) {
  const [text, setText] = useState(optionsToLines(options));
  // Follow changes made elsewhere (a copied survey loading), not our own typing.
  useEffect(() => {
    setText((cur) =>
      optionsToLines(linesToOptions(cur, options, prefix)) === optionsToLines(options) ? cur : optionsToLines(options),
    );
  }, [options, prefix]);
  return (
    <TextAreaField
      label={label}
      hint={hint}
      error={error}
      disabled={disabled}
      rows={Math.min(12, Math.max(3, options.length + 1))}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(linesToOptions(e.target.value, options, prefix));
      }}
    />
  );
}
