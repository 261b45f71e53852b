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
  encoding: string;
  creates: { line: number; kind: "programme" | "item" | "step" | "metric"; code: string; name: string }[];
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
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const read = (f: File | undefined) => {
    setResult(null);
    setError(null);
    setFile(f ?? null);
  };
  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      // The file goes as it is; the server decodes it (UTF-8 or Shift_JIS) like every import.
      const form = new FormData();
      form.append("dryRun", String(dryRun));
      form.append("file", file);
      setResult(await api.postForm<Result>("/progress/definitions/import", form));
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
        <Button variant="secondary" disabled={!file} busy={busy} onClick={() => send(true)}>
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
          <span className="block">{t("progress.definitionsEncoding", { encoding: c.encoding })}</span>
        </Alert>
      )}
      {c && !issues.length && c.creates.length > 0 && (
        <DataTable
          caption={t(c.dryRun ? "progress.definitionsWouldCreate" : "progress.definitionsCreated", { n: c.creates.length })}
          columns={[
            { key: "l", header: t("progress.definitionsLine"), cell: (n) => n.line },
            { key: "k", header: t("progress.definitionsKind"), cell: (n) => t(`progress.definitionsKind.${n.kind}`) },
            { key: "c", header: t("progress.definitionsCode"), cell: (n) => n.code },
            { key: "n", header: t("progress.definitionsName"), cell: (n) => n.name },
          ]}
          rows={c.creates}
          rowKey={(n) => `${n.line}|${n.kind}`}
          empty=""
        />
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
