import type { ReactNode } from "react";
import { useI18n } from "../lib/i18n.js";
import { Alert, useErrorMessage } from "./alert.js";
import { Button } from "./button.js";

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p role="status" data-loading="" className="py-6 text-std-16N-170 text-solid-gray-700">
      {label ?? t("state.loading")}
    </p>
  );
}

export interface QueryStateProps<T> {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  children: (data: T) => ReactNode;
}

/** Renders loading, error (with a retry button) or the data of a TanStack query. */
export function QueryState<T>({ query, children }: QueryStateProps<T>) {
  const message = useErrorMessage();
  const { t } = useI18n();
  if (query.isPending) return <Loading />;
  if (query.error || query.data === undefined)
    return (
      <Alert tone="error" role="alert" title={message(query.error)}>
        <Button variant="secondary" size="sm" className="mt-2" onClick={() => query.refetch()}>
          {t("action.retry")}
        </Button>
      </Alert>
    );
  return <>{children(query.data)}</>;
}
