import type { ReactNode } from "react";
import { Alert, useErrorMessage } from "../../components/alert.js";
import { ButtonLink } from "../../components/button.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState, type QueryStateProps } from "../../components/query-state.js";
import { isApiError } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";

/**
 * Like QueryState, but a 404 gets a page of its own with a heading: what another organisation's
 * consultation (or an unpublished article) looks like — exactly like one that does not exist.
 */
export function DetailState<T>({ query, back, children }: QueryStateProps<T> & { back: { to: string; label: string } }) {
  const { t } = useI18n();
  const message = useErrorMessage();
  if (isApiError(query.error) && query.error.status === 404)
    return (
      <>
        <PageHeader title={t("notFound.title")} />
        <Alert tone="warning" role="alert" title={message(query.error)}>
          <ButtonLink to={back.to} size="sm" className="mt-2">
            {back.label}
          </ButtonLink>
        </Alert>
      </>
    );
  return <QueryState query={query}>{children as (data: T) => ReactNode}</QueryState>;
}
