import { Link } from "react-router";
import { jstDay } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import type { Meeting } from "./api.js";

const dows = { ja: ["日", "月", "火", "水", "木", "金", "土"], en: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] };

/** A month as a table (rows are weeks), each day listing its meetings as links: readable by screen readers and the keyboard. */
export function MonthView({ month, meetings, caption }: { month: string; meetings: Meeting[]; caption: string }) {
  const { locale } = useI18n();
  const first = new Date(`${month}-01T00:00:00Z`);
  const days = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  const cells: (string | null)[] = [...Array(first.getUTCDay()).fill(null)];
  for (let d = 1; d <= days; d++) cells.push(`${month}-${String(d).padStart(2, "0")}`);
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  return (
    <div className="overflow-x-auto">
      <table className="w-full table-fixed border-collapse text-dns-14N-130">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {dows[locale].map((d) => (
              <th key={d} scope="col" className="border border-solid-gray-300 bg-solid-gray-50 px-2 py-1">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.join("|")}>
              {week.map((day, i) => (
                <td key={day ?? `blank-${i}`} className="h-24 border border-solid-gray-300 px-1 py-1 align-top">
                  {day && (
                    <>
                      <span className="text-dns-14B-130">{Number(day.slice(8))}</span>
                      <ul className="mt-1 flex flex-col gap-1">
                        {meetings
                          .filter((m) => jstDay(m.startsAt) === day)
                          .map((m) => (
                            <li key={m.id}>
                              <Link to={`/meetings/${m.id}`} className="link break-all">
                                {m.name}
                              </Link>
                            </li>
                          ))}
                      </ul>
                    </>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
