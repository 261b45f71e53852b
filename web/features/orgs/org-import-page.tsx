import { type FormEvent, useState } from "react";
import { Navigate } from "react-router";
import { useMe } from "../../app/session.js";
import { Alert, useErrorMessage } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { FilePicker } from "../../components/file-picker.js";
import { PageHeader } from "../../components/page-header.js";
import { isApiError } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";
import { useImportOrgs } from "./api.js";

export function OrgImportPage() {
  const { t } = useI18n();
  const me = useMe();
  const message = useErrorMessage();
  const [csv, setCsv] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string>();
  const run = useImportOrgs();
  if (!me.abilities.manageOrgs) return <Navigate to="/orgs" replace />;

  // The file goes as it is: the server decodes it (UTF-8 or Shift_JIS) exactly as `renkei org import` does.
  const onFile = (file: File | null) => {
    run.reset();
    if (!file) return setCsv(null);
    if (file.size > 5_000_000) {
      setCsv(null);
      return setFileError(t("import.tooLarge"));
    }
    setFileError(undefined);
    setCsv(file);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!csv) return setFileError(t("import.chooseFile"));
    run.mutate(csv);
  };
  const issues = isApiError(run.error) ? run.error.issues : [];

  return (
    <>
      <PageHeader
        title={t("nav.orgImport")}
        breadcrumbs={[{ label: t("orgs.title"), to: "/orgs" }, { label: t("nav.orgImport") }]}
        description={
          <>
            <p>{t("import.lead")}</p>
            <p className="mt-2 font-mono text-mono-16N-150">lg_code,kind,name,kana,name_en,population</p>
            <p className="mt-2">{t("import.kinds")}</p>
          </>
        }
      />
      <form noValidate onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-5">
        <FilePicker
          id="csv-file"
          label={t("import.file")}
          accept="csv"
          error={fileError}
          selected={csv ? t("import.selected", { name: csv.name }) : undefined}
          onFile={onFile}
        />
        <div>
          <Button type="submit" busy={run.isPending}>
            {t("import.submit")}
          </Button>
        </div>
      </form>
      <div className="mt-6 flex flex-col gap-4">
        {run.isSuccess && (
          <Alert tone="success" role="status" title={t("import.done", { created: run.data.created, updated: run.data.updated })}>
            {t("import.encoding", { encoding: run.data.encoding })}
          </Alert>
        )}
        {run.error ? (
          <>
            <Alert tone="error" role="alert" title={message(run.error)}>
              {issues.length > 0 && t("import.fix")}
            </Alert>
            {issues.length > 0 && (
              <DataTable
                caption={t("import.issues", { count: issues.length })}
                rows={issues.map((i, n) => ({ ...i, n }))}
                rowKey={(i) => String(i.n)}
                empty=""
                columns={[
                  { key: "line", header: t("import.line"), cell: (i) => i.path.replace(/^line /, "") },
                  { key: "message", header: t("import.problem"), cell: (i) => i.message },
                ]}
              />
            )}
          </>
        ) : null}
      </div>
    </>
  );
}
