import { LanguageSwitch } from "../../app/language-switch.js";
import { useMe } from "../../app/session.js";
import { Card } from "../../components/card.js";
import { PageHeader } from "../../components/page-header.js";
import { useI18n } from "../../lib/i18n.js";
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
