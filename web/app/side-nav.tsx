import { Link, useLocation } from "react-router";
import type { Me } from "../lib/api-types.js";
import { useI18n } from "../lib/i18n.js";
import { type NavItem, navItems } from "./nav-items.js";

const matches = (item: NavItem, path: string) =>
  item.end ? path === item.to : path === item.to || path.startsWith(`${item.to}/`);

/** The one item that is current: the longest path that matches ("/orgs/import" beats "/orgs"). */
function activeItem(items: NavItem[], path: string): NavItem | undefined {
  return items.filter((i) => matches(i, path)).sort((a, b) => b.to.length - a.to.length)[0];
}

export function SideNav({ me, id, open }: { me: Me; id: string; open: boolean }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const visible = navItems.filter((i) => !i.ability || me.abilities[i.ability]);
  const active = activeItem(visible, pathname);
  const groups = [
    { key: "main", title: t("nav.main"), items: visible.filter((i) => i.group === "main") },
    { key: "admin", title: t("nav.admin"), items: visible.filter((i) => i.group === "admin") },
  ].filter((g) => g.items.length > 0);

  return (
    <nav
      id={id}
      aria-label={t("nav.label")}
      className={`${open ? "block" : "hidden"} border-b border-solid-gray-300 bg-solid-gray-50 md:block md:w-64 md:shrink-0 md:border-r md:border-b-0`}
    >
      {groups.map((g) => (
        <div key={g.key} className="px-3 py-4">
          <h2 className="px-3 pb-2 text-dns-14B-130 text-solid-gray-700">{g.title}</h2>
          <ul className="flex flex-col gap-1">
            {g.items.map((item) => {
              const current = item === active;
              return (
                <li key={item.to}>
                  <Link
                    to={item.to}
                    aria-current={current ? "page" : undefined}
                    className={`block rounded-6 px-3 py-2 text-std-16N-170 no-underline hover:bg-blue-100 hover:underline ${
                      current ? "border-l-4 border-blue-900 bg-blue-50 font-bold text-blue-1000" : "text-solid-gray-800"
                    }`}
                  >
                    {t(item.label)}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
