import type { ProgressApplyResult } from "../../../shared/api/surveys-progress.js";
import { Alert } from "../../components/alert.js";
import { DataTable } from "../../components/data-table.js";
import { useI18n } from "../../lib/i18n.js";

const pct = (v: number | null) => (v == null ? "—" : `${(v / 100).toFixed(1)}%`);

/** What applying would change (or changed): per municipality and item, the percentage and each field before → after. */
export function PreviewTable({ result: r }: { result: ProgressApplyResult }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="apply-result" className="flex flex-col gap-3">
      <h2 id="apply-result" className="text-std-20B-150">
        {r.dryRun ? t("surveys.previewResult") : t("surveys.applyResult")}
      </h2>
      <p role="status">{t("surveys.applySummary", { answers: r.answers, applied: r.applied, unchanged: r.unchanged })}</p>
      {r.issues.length > 0 && (
        <Alert tone="error" title={t("surveys.applyIssues", { n: r.issues.length })}>
          <ul className="list-disc pl-6">
            {r.issues.slice(0, 50).map((i) => (
              <li key={`${i.path}:${i.message}`}>
                {i.path}：{i.message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <DataTable
        caption={t("surveys.previewResult")}
        hideCaption
        rows={r.changes.slice(0, 500)}
        rowKey={(c) => `${c.org.id}:${c.item.id}`}
        empty={t("surveys.noChanges")}
        columns={[
          { key: "org", header: t("surveys.org"), cell: (c) => c.org.name },
          { key: "item", header: t("surveys.item"), cell: (c) => c.item.name },
          { key: "pct", header: t("surveys.pct"), cell: (c) => `${pct(c.pctBefore)} → ${pct(c.pctAfter)}` },
          {
            key: "fields",
            header: t("surveys.changes"),
            cell: (c) => (
              <ul>
                {c.fields.map((f) => (
                  <li key={f.label}>
                    {f.label}：{f.before} → {f.after}
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    </section>
  );
}
