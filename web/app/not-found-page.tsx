import { PageHeader } from "../components/page-header.js";
import { useI18n } from "../lib/i18n.js";
import { WayBack } from "./way-back.js";

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t("notFound.title")} description={t("notFound.body")} />
      <WayBack />
    </>
  );
}
