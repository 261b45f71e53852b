import { type ReactNode, useId } from "react";

export interface RadioGroupProps<V extends string> {
  legend: ReactNode;
  name: string;
  /** Null: nothing chosen yet (never preselect an answer the user has not given). */
  value: V | null;
  options: { value: V; label: string }[];
  onChange: (value: V) => void;
  /** Lays the options out in a row (compact tables of settings). */
  inline?: boolean;
  hideLegend?: boolean;
}

export function RadioGroup<V extends string>({ legend, name, value, options, onChange, inline, hideLegend }: RadioGroupProps<V>) {
  const id = useId();
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className={hideLegend ? "sr-only" : "text-std-16B-170 mb-1"}>{legend}</legend>
      <div className={inline ? "flex flex-wrap gap-x-6 gap-y-1" : "flex flex-col gap-1"}>
        {options.map((o) => (
          <div key={o.value} className="flex items-center gap-2">
            <input
              id={`${id}-${o.value}`}
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
              className="size-5 accent-blue-900"
            />
            <label htmlFor={`${id}-${o.value}`} className="text-std-16N-170">
              {o.label}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
