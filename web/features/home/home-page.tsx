import "./messages.js";
import { useMe } from "../../app/session.js";
import { PageHeader } from "../../components/page-header.js";
import { useI18n } from "../../lib/i18n.js";
import { homeSections } from "./home-sections.js";

export function HomePage() {
  const { t } = useI18n();
  const me = useMe();
  return (
    <>
      <PageHeader title={t("home.title")} description={t("home.greeting", { name: me.user.name })} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        {homeSections
          .filter((s) => !s.visible || s.visible(me))
          .map(({ id, Component, size }) => (
            <div key={id} className={size === "wide" ? "lg:col-span-2" : ""}>
              <Component me={me} headingId={`home-${id}`} />
            </div>
          ))}
      </div>
    </>
  );
}
