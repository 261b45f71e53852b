import { Link } from "react-router";
import { cellMark, hasMark } from "../../../shared/api/progress-views.js";
import { useI18n } from "../../lib/i18n.js";
import type { Dashboard, Matrix } from "./api.js";
import { recordPath } from "./api.js";
import { heatClass, pctText } from "./format.js";

/** A scroll region; `relative` makes it the containing block of its screen-reader-only labels, which would otherwise widen the page. */
const regionClass = "relative max-h-[70vh] overflow-auto rounded-8 border border-solid-gray-300";

/**
 * The heatmap as a table (the accessible, copyable view of the chart): one row per municipality,
 * one column per item, every cell a link to that record; "!" past due, "特" an exception.
 */
export function MatrixTable({ summary, matrix }: { summary: Dashboard; matrix: Matrix }) {
  const { t } = useI18n();
  const names = new Map(summary.orgs.map((o) => [o.id, o]));
  const items = new Map(summary.items.map((i) => [i.id, i]));
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
    <section aria-labelledby="pm-cap" tabIndex={0} className={regionClass}>
      <table className="border-collapse text-dns-14N-130">
        <caption id="pm-cap" className="px-4 py-3 text-left text-std-16B-170">
          {t("progress.heatmapTable")}
        </caption>
        <thead className="sticky top-0 bg-solid-gray-50">
          <tr>
            <th scope="col" className="sticky left-0 bg-solid-gray-50 px-2 py-2 text-left">
              {t("progress.municipality")}
            </th>
            <th scope="col" className="px-2 py-2 text-right">
              {t("progress.pct")}
            </th>
            {matrix.itemIds.map((id) => (
              <th key={id} scope="col" className="min-w-16 px-1 py-2 text-center align-bottom font-normal">
                {items.get(id)?.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.orgIds.map((orgId, oi) => {
            const org = names.get(orgId);
            return (
              <tr key={orgId} className="border-t border-solid-gray-200">
                <th scope="row" className="sticky left-0 bg-white px-2 py-1 text-left whitespace-nowrap">
                  <Link className="link" to={`/progress/orgs/${orgId}`}>
                    {org?.name}
                  </Link>
                </th>
                <td className="px-2 py-1 text-right tabular-nums">{pctText(org?.pct)}</td>
                {matrix.cells[oi]!.map((v, ii) => {
                  const overdue = hasMark(matrix.marks[oi]!, ii, cellMark.overdue);
                  const exception = hasMark(matrix.marks[oi]!, ii, cellMark.exception);
                  const marks = `${overdue ? "!" : ""}${exception ? "特" : ""}`;
                  return (
                    <td key={matrix.itemIds[ii]} className={`px-1 py-1 text-center tabular-nums ${heatClass(v)}`}>
                      <Link
                        to={recordPath(orgId, matrix.itemIds[ii]!)}
                        className="block text-solid-gray-900 underline-offset-2 hover:underline"
                      >
                        {/* The name reads "阿武町 戸籍 92!特％ 期限超過 …": the visible text stays whole inside it. */}
                        <span className="sr-only">{`${org?.name} ${items.get(matrix.itemIds[ii]!)?.name} `}</span>
                        {v == null ? "—" : Math.round(v)}
                        {marks && <span className="ml-0.5 font-bold text-red-1000">{marks}</span>}
                        <span className="sr-only">
                          {`${v == null ? "" : "％"}${overdue ? ` ${t("progress.markOverdue")}` : ""}${exception ? ` ${t("progress.markException")}` : ""}`}
                        </span>
                      </Link>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-solid-gray-420 bg-solid-gray-50">
            <th scope="row" className="sticky left-0 bg-solid-gray-50 px-2 py-1 text-left">
              {t("progress.itemAverage")}
            </th>
            <td className="px-2 py-1 text-right tabular-nums">{pctText(summary.overall)}</td>
            {matrix.itemIds.map((id) => (
              <td key={id} className="px-1 py-1 text-center tabular-nums">
                <Link className="link" to={`/progress/items/${id}`}>
                  {pctText(items.get(id)?.pct)}
                </Link>
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
