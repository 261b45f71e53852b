import { isRouteErrorResponse, useRouteError } from "react-router";
import { useI18n } from "../lib/i18n.js";
import { WayBack } from "./way-back.js";

/** The last resort when a page fails to load or render: a plain page with a way back. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useI18n();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <main id="main" className="mx-auto max-w-3xl p-6">
      <h1 className="mb-4 text-std-28B-150">{notFound ? t("notFound.title") : t("routeError.title")}</h1>
      <p className="mb-4">{notFound ? t("notFound.body") : t("routeError.body")}</p>
      <WayBack />
    </main>
  );
}
