import { type ComponentPropsWithRef, type ReactNode, useId } from "react";
import { useI18n } from "../lib/i18n.js";

const control =
  "w-full max-w-full rounded-8 border bg-white px-4 py-3 text-std-16N-170 text-solid-gray-800 " +
  "disabled:border-solid-gray-300 disabled:bg-solid-gray-50 disabled:text-solid-gray-420";
const borderFor = (error?: string) => (error ? "border-error-1 border-2" : "border-solid-gray-900");

interface FieldProps {
  label: ReactNode;
  /** Shown under the label: what to enter, in the user's words. */
  hint?: ReactNode;
  /** Shown under the field in red, announced with the field. */
  error?: string;
  required?: boolean;
  className?: string;
}

/**
 * Label, hint, control and error text, wired together with ids (aria-describedby, aria-invalid).
 * With a form of components/form.tsx, spread `form.field("name")` into the field: it brings the
 * registered input (its ref gets the focus when the field is wrong) and the message.
 */
function FieldFrame({
  label,
  hint,
  error,
  required,
  className,
  render,
}: FieldProps & { render: (ids: { id: string; describedBy?: string }) => ReactNode }) {
  const { t } = useI18n();
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`flex flex-col gap-1 ${className ?? ""}`}>
      <label htmlFor={id} className="text-std-16B-170 text-solid-gray-800">
        {label}
        {required && <span className="ml-2 text-dns-14N-130 text-error-2"> {t("form.required")}</span>}
      </label>
      {hint && (
        <p id={hintId} className="text-dns-14N-130 text-solid-gray-700">
          {hint}
        </p>
      )}
      {render({ id, describedBy })}
      {error && (
        <p id={errorId} className="text-dns-16N-130 text-error-2">
          <span aria-hidden="true">! </span>
          {error}
        </p>
      )}
    </div>
  );
}

type InputProps = FieldProps & Omit<ComponentPropsWithRef<"input">, "className">;

export function TextField({ label, hint, error, required, className, ...input }: InputProps) {
  return (
    <FieldFrame
      {...{ label, hint, error, required, className }}
      render={({ id, describedBy }) => (
        <input
          id={id}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          required={required}
          className={`${control} ${borderFor(error)}`}
          {...input}
        />
      )}
    />
  );
}

type SelectProps = FieldProps &
  Omit<ComponentPropsWithRef<"select">, "className"> & { options: { value: string; label: string }[] };

export function SelectField({ label, hint, error, required, className, options, ...select }: SelectProps) {
  return (
    <FieldFrame
      {...{ label, hint, error, required, className }}
      render={({ id, describedBy }) => (
        <select
          id={id}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          required={required}
          className={`${control} ${borderFor(error)} pr-8`}
          {...select}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

type TextAreaProps = FieldProps & Omit<ComponentPropsWithRef<"textarea">, "className">;

export function TextAreaField({ label, hint, error, required, className, ...area }: TextAreaProps) {
  return (
    <FieldFrame
      {...{ label, hint, error, required, className }}
      render={({ id, describedBy }) => (
        <textarea
          id={id}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          required={required}
          rows={5}
          className={`${control} ${borderFor(error)}`}
          {...area}
        />
      )}
    />
  );
}

type CheckboxProps = Omit<ComponentPropsWithRef<"input">, "className" | "type"> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
};

export function CheckboxField({ label, hint, error, className, ...input }: CheckboxProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`flex flex-col gap-1 ${className ?? ""}`}>
      <div className="flex items-center gap-2">
        <input
          id={id}
          type="checkbox"
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          className="size-6 accent-blue-900"
          {...input}
        />
        <label htmlFor={id} className="text-std-16N-170">
          {label}
        </label>
      </div>
      {hint && (
        <p id={`${id}-hint`} className="text-dns-14N-130 text-solid-gray-700">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-dns-16N-130 text-error-2">
          <span aria-hidden="true">! </span>
          {error}
        </p>
      )}
    </div>
  );
}
