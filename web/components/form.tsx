import { zodResolver } from "@hookform/resolvers/zod";
import { type FormHTMLAttributes, type ReactNode, useEffect, useRef } from "react";
import {
  type FieldPath,
  type FieldValues,
  get,
  type Path,
  type RegisterOptions,
  type Resolver,
  type UseFormProps,
  type UseFormRegisterReturn,
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

/** Any Zod schema: of the request body the form sends (shared/api/*). */
type FormSchema = z.ZodType;

export type ZodFormApi<V extends FieldValues, Out> = UseFormReturn<V, unknown, Out> & {
  /**
   * Props for TextField, SelectField, TextAreaField or CheckboxField: the registered input (name,
   * onChange, onBlur, ref, so the first field in error gets the focus) and its message.
   */
  field: (name: FieldPath<V>, options?: RegisterOptions<V, FieldPath<V>>) => UseFormRegisterReturn & { error?: string };
  /** The message under a field (from the browser's check or the server's answer). */
  errorOf: (name: string) => string | undefined;
};

type ZodFormProps<S extends FormSchema, V extends FieldValues> = Omit<UseFormProps<V, unknown, z.output<S>>, "resolver"> & {
  /**
   * When the fields hold text the request does not (a datetime-local for an ISO instant, "" for null):
   * the request body the values stand for. The schema checks that body, so the browser refuses exactly
   * what the server would, and onValid receives it parsed. Field names and body keys are the same.
   */
  toInput?: (values: V) => unknown;
};

/**
 * A form checked in the browser by the same Zod schema the server parses the request with
 * (shared/api/*): nothing is sent while a field is wrong, the message appears under the field
 * and the first such field gets the focus. After a failed submission each field is checked again as it changes.
 */
export function useZodForm<S extends FormSchema, V extends FieldValues = z.input<S> & FieldValues>(
  schema: S,
  { toInput, ...props }: ZodFormProps<S, V> = {},
): ZodFormApi<V, z.output<S>> {
  const parse = zodResolver(schema as never) as unknown as Resolver<FieldValues, unknown, z.output<S>>;
  const resolver: Resolver<V, unknown, z.output<S>> = (values, context, options) =>
    parse(toInput ? (toInput(values) as FieldValues) : values, context, options as never) as never;
  const form = useForm<V, unknown, z.output<S>>({
    resolver,
    mode: "onSubmit",
    reValidateMode: "onChange",
    shouldFocusError: true,
    ...props,
  });
  const errorOf = (name: string): string | undefined => {
    const error = get(form.formState.errors, name) as { message?: unknown } | { message?: unknown }[] | undefined;
    // A list held in one field (names one a line): the first wrong item's message ("attendees.2").
    const message = Array.isArray(error) ? error.find((e) => typeof e?.message === "string")?.message : error?.message;
    return typeof message === "string" ? message : undefined;
  };
  return {
    ...form,
    errorOf,
    field: (name, options) => ({ ...form.register(name, options), error: errorOf(name) }),
  };
}

type FormProps<V extends FieldValues, Out> = Omit<FormHTMLAttributes<HTMLFormElement>, "onSubmit" | "noValidate"> & {
  form: ZodFormApi<V, Out>;
  /** Called with the parsed request body (the schema's output) once every field passes. */
  onValid: (values: Out) => unknown;
  /** The last failed request: its field issues go under their fields (the first one focused), the rest above the form. */
  error?: unknown;
  children: ReactNode;
};

/**
 * The form element: the browser's own validation bubbles are off (noValidate) in favour of the
 * schema's messages; the server's summary and the issues that have no field are shown at the top.
 */
export function ZodForm<V extends FieldValues, Out>({ form, onValid, error, children, ...rest }: FormProps<V, Out>) {
  const fields = useRef(new Set<string>());
  fields.current = new Set(Object.keys(form.control._fields ?? {}));
  const { setError } = form;
  useEffect(() => {
    if (!isApiError(error)) return;
    let first = true;
    for (const issue of error.issues) {
      if (!fields.current.has(issue.path.split(".")[0] ?? "")) continue;
      setError(issue.path as Path<V>, { type: "server", message: issue.message }, { shouldFocus: first });
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
