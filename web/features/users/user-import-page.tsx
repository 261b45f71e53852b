import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Navigate } from "react-router";
import { roleLabels } from "../../../shared/api/users.js";
import { useMe } from "../../app/session.js";
import { Alert, useErrorMessage } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { Card } from "../../components/card.js";
import { CsvDownload } from "../../components/csv-download.js";
import { DataTable } from "../../components/data-table.js";
import { FilePicker, type RowIssue, RowIssuesTable } from "../../components/file-picker.js";
import { PageHeader } from "../../components/page-header.js";
import { type ApiError, isApiError } from "../../lib/api.js";
import type { UserImportResult } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { importUsers, userKeys } from "./api.js";

const shown = 500;

/** Bulk users: upload, the dry run's table (who would be created, or every bad cell), confirm; and the exports. */
export function UserImportPage() {
  const { t, label } = useI18n();
  const me = useMe();
  const message = useErrorMessage();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<UserImportResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  if (!me.abilities.bulkUsers) return <Navigate to="/users" replace />;

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await importUsers(file, dryRun));
      if (!dryRun) qc.invalidateQueries({ queryKey: userKeys.all });
    } catch (e) {
      if (isApiError(e)) setError(e);
      else throw e;
    } finally {
      setBusy(false);
    }
  };
  // A refused apply carries the same issues (row, column, message) in the error's details.
  const issues = (result?.issues.length ? result.issues : (error?.issues ?? [])) as RowIssue[];
  const rows = result && !issues.length ? result.rows : [];

  return (
    <>
      <PageHeader
        title={t("users.bulk")}
        breadcrumbs={[{ label: t("users.title"), to: "/users" }, { label: t("users.bulk") }]}
        description={
          <>
            <p>{t("users.bulkLead")}</p>
            <p className="mt-2">{t("users.bulkColumns")}</p>
          </>
        }
      />
      <div className="flex flex-col gap-6">
        <Card title={t("users.bulkFile")}>
          <FilePicker
            id="users-file"
            label={t("users.bulkFile")}
            accept="spreadsheet"
            onFile={(f) => {
              setResult(null);
              setError(null);
              setFile(f);
            }}
          />
          <div className="flex flex-wrap gap-3">
            <Button variant="secondary" disabled={!file} busy={busy} onClick={() => send(true)}>
              {t("users.bulkCheck")}
            </Button>
            {result?.dryRun && !issues.length && result.rows.length > 0 && (
              <Button busy={busy} onClick={() => send(false)}>
                {t("users.bulkApply", { n: result.rows.length })}
              </Button>
            )}
          </div>
          {result && !result.dryRun && <Alert tone="success" role="status" title={t("users.bulkDone", { n: result.created })} />}
          {result?.dryRun && !issues.length && (
            <Alert tone="info" role="status" title={t("users.bulkClean", { encoding: result.encoding ?? "XLSX" })} />
          )}
          {error && !issues.length && <Alert tone="error" role="alert" title={message(error)} />}
        </Card>
        {issues.length > 0 && (
          <RowIssuesTable
            caption={t("users.bulkIssues", { n: issues.length })}
            issues={issues}
            headers={{ row: t("users.bulkRow"), column: t("users.bulkColumn"), problem: t("users.bulkProblem") }}
            limit={shown}
          />
        )}
        {rows.length > 0 && (
          <>
            <DataTable
              caption={t("users.bulkWould", { n: rows.length })}
              columns={[
                { key: "r", header: t("users.bulkRow"), cell: (u) => u.row },
                { key: "o", header: t("users.org"), cell: (u) => u.org.name },
                { key: "n", header: t("users.name"), cell: (u) => u.name },
                { key: "e", header: t("users.email"), cell: (u) => <span className="break-all">{u.email}</span> },
                {
                  key: "ro",
                  header: t("users.role"),
                  cell: (u) => `${label(roleLabels, u.role)}${u.isOrgAdmin ? `・${t("users.orgAdmin")}` : ""}`,
                },
              ]}
              rows={rows.slice(0, shown)}
              rowKey={(u) => String(u.row)}
              empty=""
            />
            {rows.length > shown && <p>{t("users.bulkMore", { n: rows.length - shown })}</p>}
          </>
        )}
        <Card title={t("users.bulk")}>
          <div className="flex flex-wrap gap-3">
            <a className="link" href="/api/users/export.xlsx" download>
              {t("users.exportXlsx")}
            </a>
            <CsvDownload href="/api/users/export.csv?encoding=sjis">{t("users.exportCsv")}</CsvDownload>
          </div>
        </Card>
      </div>
    </>
  );
}
