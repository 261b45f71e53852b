import { Outlet } from "react-router";
import { useI18n } from "../lib/i18n.js";
import { LanguageSwitch } from "./language-switch.js";

/** The frame of the signed-out screens (sign-in, password reset, invitation, 2FA). */
export function AuthLayout() {
  const { t } = useI18n();
  return (
    <div className="flex min-h-screen flex-col bg-solid-gray-50">
      <a
        href="#main"
        className="sr-only z-50 rounded-8 bg-white px-4 py-2 text-std-16B-170 text-blue-1000 focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
      >
        {t("layout.skip")}
      </a>
      <header className="border-b border-solid-gray-300 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <p className="text-std-20B-150 text-solid-gray-900">{t("app.name")}</p>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="flex-1 px-4 py-8 focus:outline-none">
        <div className="mx-auto max-w-lg rounded-12 border border-solid-gray-300 bg-white p-6 sm:p-8">
          <Outlet />
        </div>
      </main>
      <footer className="px-6 py-4 text-center text-dns-14N-130 text-solid-gray-700">{t("layout.footer")}</footer>
    </div>
  );
}
