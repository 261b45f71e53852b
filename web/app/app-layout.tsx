import { useEffect, useId, useRef, useState } from "react";
import { Link, Outlet, useLocation } from "react-router";
import { focusPageHeading } from "../components/page-header.js";
import { HeaderSearch } from "../features/search/header-search.js";
import { useI18n } from "../lib/i18n.js";
import { NotificationBell } from "./notification-bell.js";
import { useMe } from "./session.js";
import { SideNav } from "./side-nav.js";
import { useAccountLocale } from "./use-account-locale.js";
import { UserMenu } from "./user-menu.js";

/** The signed-in frame: skip link, header (product, organisation, bell, user menu), side navigation, main. */
export function AppLayout() {
  const me = useMe();
  const { t } = useI18n();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const navId = useId();
  const first = useRef(true);
  useAccountLocale(me);

  // A new page: close the phone menu and move focus to its heading (or main), as a full page load would reset it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every page change, by design.
  useEffect(() => {
    setMenuOpen(false);
    if (first.current) {
      first.current = false;
      return;
    }
    focusPageHeading();
  }, [pathname]);

  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-8 bg-white px-4 py-2 text-std-16B-170 text-blue-1000 focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
      >
        {t("layout.skip")}
      </a>
      <header className="border-b border-solid-gray-300 bg-white">
        <div className="flex items-center gap-2 px-3 py-2 sm:gap-4 sm:px-6">
          <Link
            to="/"
            className="rounded-4 text-std-18B-160 whitespace-nowrap text-solid-gray-900 no-underline sm:text-std-20B-150"
          >
            {t("app.name")}
          </Link>
          <p className="hidden truncate text-dns-16N-130 text-solid-gray-700 lg:block">{me.user.org.name}</p>
          <div className="ml-auto flex items-center gap-2">
            <HeaderSearch />
            <NotificationBell />
            <UserMenu me={me} />
            <button
              type="button"
              aria-expanded={menuOpen}
              aria-controls={navId}
              onClick={() => setMenuOpen((o) => !o)}
              className="inline-flex min-h-11 items-center gap-1 rounded-8 border border-solid-gray-600 px-2 text-oln-14B-100 md:hidden"
            >
              <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="currentColor">
                {menuOpen ? (
                  <path d="M6.4 19 5 17.6l5.6-5.6L5 6.4 6.4 5l5.6 5.6L17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19Z" />
                ) : (
                  <path d="M3 18v-2h18v2H3Zm0-5v-2h18v2H3Zm0-5V6h18v2H3Z" />
                )}
              </svg>
              {t("layout.menu")}
            </button>
          </div>
        </div>
      </header>
      <div className="flex flex-1 flex-col md:flex-row">
        <SideNav me={me} id={navId} open={menuOpen} />
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none sm:px-8">
          <div className="mx-auto max-w-6xl">
            <Outlet />
          </div>
        </main>
      </div>
      <footer className="border-t border-solid-gray-300 px-6 py-4 text-dns-14N-130 text-solid-gray-700">
        {t("layout.footer")}
      </footer>
    </div>
  );
}
