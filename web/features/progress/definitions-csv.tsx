import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert, useErrorMessage } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { Card } from "../../components/card.js";
import { DataTable } from "../../components/data-table.js";
import { type ApiError, api, isApiError } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";
import { progressKeys } from "./api.js";

interface Counts {
  created: number;
  updated: number;
}
interface Result {
  dryRun: boolean;
  programmes: Counts;
  items: Counts;
  steps: Counts;
  metrics: Counts;
  issues: { path: string; message: string }[];
}

/** Definitions by CSV: check first (nothing written), then import; CSV in UTF-8 or Shift_JIS. */
export function DefinitionsCsv({ programmeId }: { programmeId: string }) {
  const { t } = useI18n();
  const message = useErrorMessage();
  const qc = useQueryClient();
  const [text, setText] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const read = async (f: File | undefined) => {
    setResult(null);
    setError(null);
    if (!f) return setText(null);
    const bytes = await f.arrayBuffer();
    try {
      setText(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch {
      setText(new TextDecoder("shift_jis").decode(bytes));
    }
  };
  const send = async (dryRun: boolean) => {
    if (!text) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await api.post<Result>("/progress/definitions/import", { csv: text, dryRun }));
      if (!dryRun) qc.invalidateQueries({ queryKey: progressKeys.all });
    } catch (e) {
      if (isApiError(e)) setError(e);
      else throw e;
    } finally {
      setBusy(false);
    }
  };
  const issues = result?.issues.length ? result.issues : (error?.issues ?? []);
  const c = result;
  return (
    <Card id="definitions-csv" title={t("progress.definitionsCsv")}>
      <p className="text-dns-14N-130 text-solid-gray-700">{t("progress.definitionsCsvHint")}</p>
      {programmeId && (
        <p>
          <a className="link" href={`/api/progress/programmes/${programmeId}/definitions.csv`} download>
            {t("progress.definitionsExport")}
          </a>
        </p>
      )}
      <div className="flex flex-col gap-1">
        <label htmlFor="definitions-file" className="text-std-16B-170">
          {t("progress.definitionsFile")}
        </label>
        <input id="definitions-file" type="file" accept=".csv,text/csv" onChange={(e) => read(e.target.files?.[0])} />
      </div>
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" disabled={!text} busy={busy} onClick={() => send(true)}>
          {t("progress.importCheck")}
        </Button>
        {c?.dryRun && !c.issues.length && (
          <Button busy={busy} onClick={() => send(false)}>
            {t("progress.importApply")}
          </Button>
        )}
      </div>
      {c && !issues.length && (
        <Alert role="status" tone={c.dryRun ? "info" : "success"}>
          {t("progress.definitionsResult", {
            p1: c.programmes.created,
            p2: c.programmes.updated,
            i1: c.items.created,
            i2: c.items.updated,
            s1: c.steps.created,
            s2: c.steps.updated,
            m1: c.metrics.created,
            m2: c.metrics.updated,
          })}
        </Alert>
      )}
      {error && !issues.length && <Alert tone="error" role="alert" title={message(error)} />}
      {issues.length > 0 && (
        <DataTable
          caption={t("progress.importIssues", { n: issues.length })}
          columns={[
            { key: "p", header: t("progress.issueCell"), cell: (i) => i.path },
            { key: "m", header: t("progress.issueMessage"), cell: (i) => i.message },
          ]}
          rows={issues}
          rowKey={(i) => `${i.path}|${i.message}`}
          empty=""
        />
      )}
    </Card>
  );
}
