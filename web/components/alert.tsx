import type { ReactNode } from "react";
import { type ApiError, isApiError } from "../lib/api.js";
import { useI18n } from "../lib/i18n.js";

export type AlertTone = "info" | "success" | "warning" | "error";

const tones: Record<AlertTone, string> = {
  info: "border-blue-900 bg-blue-50",
  success: "border-success-2 bg-green-50",
  warning: "border-warning-yellow-2 bg-yellow-50",
  error: "border-error-2 bg-red-50",
};

export interface AlertProps {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  /** "alert" for something that just went wrong, "status" for a polite update; none for static text. */
  role?: "alert" | "status";
  className?: string;
}

export function Alert({ tone = "info", title, children, role, className }: AlertProps) {
  return (
    <div role={role} className={`rounded-8 border-l-8 border px-4 py-3 ${tones[tone]} ${className ?? ""}`}>
      {title && <p className="text-std-16B-170">{title}</p>}
      {children && <div className="text-std-16N-170">{children}</div>}
    </div>
  );
}

/** The message a person reads for an error: the server's (Japanese) text, or a generic English one. */
export function useErrorMessage() {
  const { t, locale } = useI18n();
  return (error: unknown): string => {
    if (!isApiError(error)) return t("error.unexpected");
    if (locale !== "en" && error.code !== "NETWORK") return error.message;
    // A code with no English text of its own (t gives the key back) keeps the server's message.
    const key = `error.${error.code}`;
    const text = t(key as never);
    return text === key ? error.message : text;
  };
}

/**
 * The summary above a form: the error message, and the field issues that have no field on screen
 * (those with a field are shown under it).
 */
export function FormError({ error, fields = [] }: { error: unknown; fields?: string[] }) {
  const message = useErrorMessage();
  const { t } = useI18n();
  if (!error) return null;
  const other = isApiError(error) ? (error as ApiError).issues.filter((i) => !fields.includes(i.path)) : [];
  return (
    <Alert tone="error" role="alert" title={message(error)}>
      {other.length > 0 && (
        <ul className="list-disc pl-6">
          {other.map((i) => (
            <li key={`${i.path}:${i.message}`}>
              {i.path ? `${i.path}：` : ""}
              {i.message}
            </li>
          ))}
        </ul>
      )}
      {isApiError(error) && error.issues.length > other.length && <p>{t("form.checkFields")}</p>}
    </Alert>
  );
}

/** The message under a field, from the last failed request. */
export function fieldError(error: unknown, path: string): string | undefined {
  return isApiError(error) ? error.fieldError(path) : undefined;
}
