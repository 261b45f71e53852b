import { Link } from "react-router";
import { PageHeader } from "../components/page-header.js";
import { useI18n } from "../lib/i18n.js";

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t("notFound.title")} description={t("notFound.body")} />
      <p>
        <Link to="/" className="link">
          {t("notFound.home")}
        </Link>
      </p>
    </>
  );
}
