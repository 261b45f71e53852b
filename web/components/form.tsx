import { zodResolver } from "@hookform/resolvers/zod";
import { type FormHTMLAttributes, type ReactNode, useEffect, useRef } from "react";
import {
  type FieldPath,
  type FieldValues,
  get,
  type Path,
  type RegisterOptions,
  type UseFormProps,
  type UseFormReturn,
  useForm,
} from "react-hook-form";
import { z } from "zod";
import { ja } from "zod/locales";
import { isApiError } from "../lib/api.js";
import { FormError } from "./alert.js";

// The same messages as the server's (server/app.ts): a clerk reads one text for one mistake,
// whether the browser or the server found it.
z.config(ja());

/** A Zod schema whose input is an object of form values (string fields, booleans, nested objects). */
type FormSchema = z.ZodType<any, FieldValues>;

export type ZodFormApi<S extends FormSchema> = UseFormReturn<z.input<S>, unknown, z.output<S>> & {
  /**
   * Props for TextField, SelectField, TextAreaField or CheckboxField: the registered input (name,
   * onChange, onBlur, ref, so the first field in error gets the focus) and its message.
   */
  field: (
    name: FieldPath<z.input<S>>,
    options?: RegisterOptions<z.input<S>, FieldPath<z.input<S>>>,
  ) => ReturnType<UseFormReturn<z.input<S>>["register"]> & { error?: string };
  /** The message under a field (from the browser's check or the server's answer). */
  errorOf: (name: string) => string | undefined;
};

/**
 * A form checked in the browser by the same Zod schema the server parses the request with
 * (shared/api/*): nothing is sent while a field is wrong, the message appears under the field
 * and the first such field gets the focus. After a failed submission each field is checked again as it changes.
 */
export function useZodForm<S extends FormSchema>(
  schema: S,
  props: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, "resolver"> = {},
): ZodFormApi<S> {
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as never,
    mode: "onSubmit",
    reValidateMode: "onChange",
    shouldFocusError: true,
    ...props,
  });
  const errorOf = (name: string): string | undefined => {
    const message = (get(form.formState.errors, name) as { message?: unknown } | undefined)?.message;
    return typeof message === "string" ? message : undefined;
  };
  return {
    ...form,
    errorOf,
    field: (name, options) => ({ ...form.register(name, options), error: errorOf(name) }),
  };
}

type FormProps<S extends FormSchema> = Omit<FormHTMLAttributes<HTMLFormElement>, "onSubmit" | "noValidate"> & {
  form: ZodFormApi<S>;
  /** Called with the parsed values (the schema's output) once every field passes. */
  onValid: (values: z.output<S>) => unknown;
  /** The last failed request: its field issues go under their fields (the first one focused), the rest above the form. */
  error?: unknown;
  children: ReactNode;
};

/**
 * The form element: the browser's own validation bubbles are off (noValidate) in favour of the
 * schema's messages; the server's summary and the issues that have no field are shown at the top.
 */
export function ZodForm<S extends FormSchema>({ form, onValid, error, children, ...rest }: FormProps<S>) {
  const fields = useRef(new Set<string>());
  fields.current = new Set(Object.keys(form.control._fields ?? {}));
  const { setError } = form;
  useEffect(() => {
    if (!isApiError(error)) return;
    let first = true;
    for (const issue of error.issues) {
      if (!fields.current.has(issue.path.split(".")[0] ?? "")) continue;
      setError(issue.path as Path<z.input<S>>, { type: "server", message: issue.message }, { shouldFocus: first });
      first = false;
    }
  }, [error, setError]);
  return (
    <form noValidate onSubmit={form.handleSubmit(onValid)} {...rest}>
      <FormError error={error} fields={[...fields.current].flatMap((f) => serverPaths(error, f))} />
      {children}
    </form>
  );
}

/** The server's issue paths that belong to a field of this form ("rows.3.lgCode" belongs to "rows"). */
function serverPaths(error: unknown, field: string): string[] {
  if (!isApiError(error)) return [];
  return error.issues.map((i) => i.path).filter((p) => p === field || p.startsWith(`${field}.`));
}
