import { useI18n } from "../lib/i18n.js";

/**
 * The ways out of an error or not-found page: back to the previous page (when there is one in this tab)
 * and to the home page. Plain links that reload the app: after an error it may be in a bad state.
 */
export function WayBack() {
  const { t } = useI18n();
  const hasPrevious = typeof window !== "undefined" && window.history.length > 1;
  return (
    <ul className="flex flex-wrap gap-x-6 gap-y-2">
      {hasPrevious && (
        <li>
          <a
            href="/"
            className="link"
            onClick={(event) => {
              event.preventDefault();
              window.history.back();
            }}
          >
            {t("notFound.back")}
          </a>
        </li>
      )}
      <li>
        <a href="/" className="link">
          {t("notFound.home")}
        </a>
      </li>
    </ul>
  );
}
