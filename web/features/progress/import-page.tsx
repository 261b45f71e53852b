import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Alert, useErrorMessage } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { Card } from "../../components/card.js";
import { CsvDownload } from "../../components/csv-download.js";
import { DataTable } from "../../components/data-table.js";
import { FilePicker } from "../../components/file-picker.js";
import { SelectField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { type ApiError, isApiError } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";
import { exportUrl, type ImportResult, importProgress, progressKeys, useProgramme, useProgrammes } from "./api.js";
import { pctText } from "./format.js";

type Issue = ImportResult["issues"][number];

/** Bulk import: check a file (dry run, every bad cell listed), then import it as it was checked. */
export function ImportPage() {
  const { t } = useI18n();
  const message = useErrorMessage();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await importProgress(file, dryRun);
      if (dryRun) setPreview(r);
      else {
        setDone(r);
        setPreview(null);
        qc.invalidateQueries({ queryKey: progressKeys.all });
      }
    } catch (e) {
      if (isApiError(e)) setError(e);
      else throw e;
    } finally {
      setBusy(false);
    }
  };
  const check = (e: FormEvent) => {
    e.preventDefault();
    run(true);
  };
  const issues: Issue[] = preview?.issues ?? (error?.details as { issues?: Issue[] } | undefined)?.issues ?? [];

  return (
    <>
      <PageHeader
        title={t("progress.importTitle")}
        description={t("progress.importLead")}
        breadcrumbs={[{ label: t("progress.title"), to: "/progress" }, { label: t("progress.importTitle") }]}
      />
      <div className="flex flex-col gap-6">
        <TemplateDownload />
        <Card id="import-file" title={t("progress.importStep")}>
          <form onSubmit={check} className="flex flex-col gap-4">
            <FilePicker
              id="progress-import-file"
              label={t("progress.importFile")}
              hint={t("progress.importFileHint")}
              accept="spreadsheet"
              onFile={(f) => {
                setFile(f);
                setPreview(null);
                setDone(null);
                setError(null);
              }}
            />
            <div>
              <Button type="submit" variant="secondary" disabled={!file} busy={busy}>
                {t("progress.importCheck")}
              </Button>
            </div>
          </form>
          {error && !issues.length && <Alert tone="error" role="alert" title={message(error)} />}
          {done && <Alert tone="success" role="status" title={t("progress.importDone", { n: done.applied })} />}
        </Card>
        {(preview || issues.length > 0) && (
          <Card id="import-preview" title={t("progress.changes")}>
            {preview && (
              <p role="status">
                {t("progress.importChecked", {
                  sheets: preview.sheets.filter((s) => s.item).length,
                  applied: preview.applied,
                  unchanged: preview.unchanged,
                })}
              </p>
            )}
            {issues.length > 0 ? (
              <>
                <Alert tone="error" role="alert" title={t("progress.importIssues", { n: issues.length })} />
                <DataTable
                  caption={t("progress.importIssues", { n: issues.length })}
                  hideCaption
                  columns={[
                    { key: "cell", header: t("progress.issueCell"), cell: (i) => i.path },
                    { key: "col", header: t("progress.issueColumn"), cell: (i) => i.column ?? "" },
                    { key: "msg", header: t("progress.issueMessage"), cell: (i) => i.message },
                  ]}
                  rows={issues}
                  rowKey={(i) => `${i.path}|${i.message}`}
                  empty=""
                />
              </>
            ) : (
              preview && (
                <>
                  <DataTable
                    caption={t("progress.changes")}
                    hideCaption
                    columns={[
                      { key: "org", header: t("progress.municipality"), cell: (c) => c.org },
                      { key: "item", header: t("progress.item"), cell: (c) => c.item },
                      { key: "pct", header: t("progress.pct"), cell: (c) => `${pctText(c.pctBefore)} → ${pctText(c.pctAfter)}` },
                      { key: "fields", header: t("progress.fields"), cell: (c) => c.fields, numeric: true },
                    ]}
                    rows={preview.changes}
                    rowKey={(c) => `${c.org}|${c.item}`}
                    empty={t("progress.nothingChanged")}
                  />
                  {preview.applied > 0 && (
                    <div>
                      <Button onClick={() => run(false)} busy={busy}>
                        {t("progress.importApply")}
                      </Button>
                    </div>
                  )}
                </>
              )
            )}
          </Card>
        )}
      </div>
    </>
  );
}

/** Download a sheet to fill in: a whole programme, or one item. */
function TemplateDownload() {
  const { t } = useI18n();
  const programmes = useProgrammes();
  const [programmeId, setProgrammeId] = useState("");
  const pid = programmeId || programmes.data?.items[0]?.id || "";
  const programme = useProgramme(pid || undefined);
  const [itemId, setItemId] = useState("");
  return (
    <Card id="import-template" title={t("progress.downloadTemplate")}>
      <div className="grid grid-cols-1 items-end gap-4 sm:grid-cols-2">
        <SelectField
          label={t("progress.programme")}
          value={pid}
          onChange={(e) => {
            setProgrammeId(e.target.value);
            setItemId("");
          }}
          options={(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
        />
        <SelectField
          label={t("progress.downloadItem")}
          value={itemId}
          onChange={(e) => setItemId(e.target.value)}
          options={[
            { value: "", label: t("progress.allItems") },
            ...(programme.data?.items ?? []).filter((i) => !i.archived).map((i) => ({ value: i.id, label: i.name })),
          ]}
        />
      </div>
      {pid && (
        <p className="flex flex-wrap gap-4">
          <a className="link" href={exportUrl({ programmeId: pid, itemId: itemId || undefined, format: "xlsx" })} download>
            {t("progress.exportXlsx")}
          </a>
          <a className="link" href={exportUrl({ programmeId: pid, itemId: itemId || undefined, format: "csv" })} download>
            {t("progress.exportCsv")}
          </a>
          <CsvDownload
            variant="text"
            href={exportUrl({ programmeId: pid, itemId: itemId || undefined, format: "csv", encoding: "sjis" })}
          >
            {t("progress.exportCsvSjis")}
          </CsvDownload>
        </p>
      )}
    </Card>
  );
}
