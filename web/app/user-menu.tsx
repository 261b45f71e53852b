import { useEffect, useId, useRef, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { roleLabels } from "../../shared/api/roles.js";
import type { Me } from "../lib/api-types.js";
import { useI18n } from "../lib/i18n.js";
import { LanguageSwitch } from "./language-switch.js";
import { useSignOut } from "./session.js";

/** The user's name in the header opens a panel: account settings, language, sign out (disclosure pattern). */
export function UserMenu({ me }: { me: Me }) {
  const { t, label } = useI18n();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const signOut = useSignOut();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  // biome-ignore lint/correctness/useExhaustiveDependencies: close whenever the page changes.
  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    // A click or keyboard focus outside the panel closes it.
    const onOutside = (e: Event) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onOutside);
    document.addEventListener("focusin", onOutside);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onOutside);
      document.removeEventListener("focusin", onOutside);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className="inline-flex min-h-11 items-center gap-1 rounded-8 border border-solid-gray-600 px-2 text-oln-16N-100 hover:bg-solid-gray-50 sm:max-w-64 sm:px-3"
      >
        <span className="sr-only">{t("userMenu.label")}</span>
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5 shrink-0 sm:hidden" fill="currentColor">
          <path d="M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9Zm0 2c-4.4 0-8 2.2-8 5v2h16v-2c0-2.8-3.6-5-8-5Z" />
        </svg>
        <span className="sr-only truncate sm:not-sr-only">{me.user.name}</span>
        <span aria-hidden="true">{open ? "▲" : "▼"}</span>
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="absolute right-0 z-40 mt-2 w-72 max-w-[calc(100vw-1rem)] rounded-12 border border-solid-gray-300 bg-white p-4 shadow-3"
      >
        <p className="text-std-16B-170">{me.user.name}</p>
        <p className="text-dns-14N-130 text-solid-gray-700">
          {me.user.org.name} ・ {label(roleLabels, me.user.role)}
        </p>
        <p className="mb-3 text-dns-14N-130 break-all text-solid-gray-700">{me.user.email}</p>
        <ul className="flex flex-col gap-3 border-t border-solid-gray-300 pt-3">
          <li>
            <Link to="/account" className="link text-std-16N-170">
              {t("userMenu.account")}
            </Link>
          </li>
          <li>
            <p className="mb-1 text-dns-14B-130">{t("language.label")}</p>
            <LanguageSwitch />
          </li>
          <li>
            <button
              type="button"
              className="link text-std-16N-170"
              onClick={() => signOut.mutate(false, { onSettled: () => navigate("/login", { replace: true }) })}
            >
              {t("userMenu.signOut")}
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
