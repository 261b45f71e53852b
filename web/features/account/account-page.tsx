import { LanguageSwitch } from "../../app/language-switch.js";
import { useMe } from "../../app/session.js";
import { Card } from "../../components/card.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useI18n } from "../../lib/i18n.js";
import { useUser } from "../users/api.js";
import { ContactForm } from "../users/contact-form.js";
import { PasswordSection } from "./password-section.js";
import { PrefsSection } from "./prefs-section.js";
import { ProfileSection } from "./profile-section.js";
import { SessionsSection } from "./sessions-section.js";
import { TwoFactorSection } from "./two-factor-section.js";

export function AccountPage() {
  const { t } = useI18n();
  const me = useMe();
  return (
    <>
      <PageHeader title={t("account.title")} />
      <div className="flex max-w-3xl flex-col gap-6">
        <ProfileSection me={me} />
        <OwnContact id={me.user.id} />
        <Card id="account-language" title={t("language.label")}>
          <p>{t("account.languageLead")}</p>
          <LanguageSwitch />
        </Card>
        <PasswordSection />
        <TwoFactorSection me={me} />
        <PrefsSection />
        <SessionsSection />
      </div>
    </>
  );
}

/** The person's own 所属・役職: they keep them current after a transfer (issue 15). */
function OwnContact({ id }: { id: string }) {
  const user = useUser(id);
  return <QueryState query={user}>{(u) => <ContactForm user={u} own className="" />}</QueryState>;
}
