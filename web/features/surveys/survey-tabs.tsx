import { Link } from "react-router";
import { useI18n } from "../../lib/i18n.js";
import type { MessageKey } from "../../lib/messages/index.js";
import type { Survey } from "./api.js";

type Tab = "overview" | "edit" | "status" | "results" | "progress";

/** The survey's pages, shown only when the server's abilities allow them. */
export function SurveyTabs({ survey: s, current }: { survey: Survey; current: Tab }) {
  const { t } = useI18n();
  const tabs: { key: Tab; to: string; label: MessageKey; show: boolean }[] = [
    { key: "overview", to: `/surveys/${s.id}`, label: "surveys.tabOverview", show: true },
    { key: "edit", to: `/surveys/${s.id}/edit`, label: "surveys.tabEdit", show: s.abilities.canEdit },
    { key: "status", to: `/surveys/${s.id}/status`, label: "surveys.tabStatus", show: s.abilities.canTrack },
    {
      key: "results",
      to: `/surveys/${s.id}/results`,
      label: "surveys.tabResults",
      show: s.abilities.canViewResults && s.status !== "draft",
    },
    {
      key: "progress",
      to: `/surveys/${s.id}/progress`,
      label: "surveys.tabProgress",
      show: s.abilities.canMapProgress && s.status !== "draft",
    },
  ];
  const visible = tabs.filter((x) => x.show);
  if (visible.length < 2) return null;
  return (
    <nav aria-label={t("surveys.tabs")} className="mb-6 border-b border-solid-gray-300">
      <ul className="flex flex-wrap gap-1">
        {visible.map((x) => (
          <li key={x.key}>
            <Link
              to={x.to}
              aria-current={x.key === current ? "page" : undefined}
              className={`inline-block rounded-t-8 px-4 py-2 text-std-16B-170 ${x.key === current ? "border-b-4 border-blue-900 text-blue-1000 no-underline" : "link"}`}
            >
              {t(x.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
