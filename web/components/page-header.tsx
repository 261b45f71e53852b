import { type ReactNode, useEffect, useRef } from "react";
import { Link } from "react-router";
import { useI18n } from "../lib/i18n.js";

export interface Crumb {
  label: string;
  to?: string;
}

export interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  /** Buttons or links on the right (wrap below on a phone). */
  actions?: ReactNode;
  breadcrumbs?: Crumb[];
}

let focusOnNextHeading = false;

/**
 * Called by the layout when the route changes, so the new page's heading takes focus (screen readers hear it):
 * at once if the heading is there, else as soon as it renders (after the page's data has loaded).
 */
export function focusPageHeading() {
  const h1 = document.querySelector<HTMLElement>("#main h1");
  if (h1) h1.focus();
  focusOnNextHeading = !h1;
}

/** The page's h1; also sets the document title 「… | Renkei 連携」. */
export function PageHeader({ title, description, actions, breadcrumbs }: PageHeaderProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} | ${t("app.name")}`;
  }, [title, t]);

  useEffect(() => {
    if (focusOnNextHeading) {
      focusOnNextHeading = false;
      ref.current?.focus();
    }
  }, []);

  return (
    <div className="mb-6 flex flex-col gap-3">
      {breadcrumbs && breadcrumbs.length > 0 && (
        <nav aria-label={t("nav.breadcrumbs")}>
          <ol className="flex flex-wrap items-center gap-1 text-dns-14N-130">
            {breadcrumbs.map((c, i) => (
              <li key={`${c.to ?? ""}|${c.label}`} className="flex items-center gap-1">
                {c.to ? (
                  <Link to={c.to} className="link">
                    {c.label}
                  </Link>
                ) : (
                  <span aria-current="page">{c.label}</span>
                )}
                {i < breadcrumbs.length - 1 && <span aria-hidden="true">›</span>}
              </li>
            ))}
          </ol>
        </nav>
      )}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <h1 ref={ref} tabIndex={-1} className="text-std-28B-150 text-solid-gray-900 focus:outline-none sm:text-std-32B-150">
          {title}
        </h1>
        {actions && <div className="flex flex-wrap gap-3">{actions}</div>}
      </div>
      {description && <div className="text-std-16N-170 text-solid-gray-700">{description}</div>}
    </div>
  );
}
