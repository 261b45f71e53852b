import { useState } from "react";
import { Navigate } from "react-router";
import { handoverKindLabels } from "../../../shared/api/handover.js";
import { useMe } from "../../app/session.js";
import { Alert, useErrorMessage } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { Card } from "../../components/card.js";
import { DataTable } from "../../components/data-table.js";
import { FilePicker, type RowIssue, RowIssuesTable } from "../../components/file-picker.js";
import { PageHeader } from "../../components/page-header.js";
import { RadioGroup } from "../../components/radio-group.js";
import { type ApiError, api, isApiError } from "../../lib/api.js";
import type { HandoverBatch } from "../../lib/api-types.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";

/** The secretariat's 人事異動: upload the list, see every change (or every refusal by row and column), apply. */
export function HandoverPage() {
  const { t, label, locale } = useI18n();
  const me = useMe();
  const message = useErrorMessage();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<"now" | "scheduled">("now");
  const [result, setResult] = useState<HandoverBatch | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  if (!me.abilities.manageHandover) return <Navigate to="/" replace />;

  const send = async (path: "preview" | "apply") => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      form.append("mode", mode);
      form.append("file", file);
      setResult(await api.postForm<HandoverBatch>(`/handover/${path}`, form));
    } catch (e) {
      if (isApiError(e)) setError(e);
      else throw e;
    } finally {
      setBusy(false);
    }
  };
  const issues = (result?.issues.length ? result.issues : (error?.issues ?? [])) as RowIssue[];
  const changes = result && !issues.length ? result.changes : [];
  const date = (d: string | null) => (d ? formatDate(d, locale) : "");

  return (
    <>
      <PageHeader
        title={t("nav.handover")}
        description={
          <>
            <p>{t("handover.lead")}</p>
            <p className="mt-2">{t("handover.columns")}</p>
          </>
        }
      />
      <div className="flex flex-col gap-6">
        <Card title={t("handover.file")}>
          <FilePicker
            id="handover-file"
            label={t("handover.file")}
            accept="spreadsheet"
            onFile={(f) => {
              setResult(null);
              setError(null);
              setFile(f);
            }}
          />
          <RadioGroup
            legend={t("handover.when")}
            name="handover-mode"
            value={mode}
            inline
            options={[
              { value: "now", label: t("handover.now") },
              { value: "scheduled", label: t("handover.onDate") },
            ]}
            onChange={setMode}
          />
          <div className="flex flex-wrap gap-3">
            <Button variant="secondary" disabled={!file} busy={busy} onClick={() => send("preview")}>
              {t("handover.check")}
            </Button>
            {result?.status === "preview" && !issues.length && changes.length > 0 && (
              <Button busy={busy} onClick={() => send("apply")}>
                {t("handover.apply", { n: changes.length })}
              </Button>
            )}
          </div>
          {result?.status === "applied" && (
            <Alert tone="success" role="status" title={t("handover.applied", { n: result.changes.length })} />
          )}
          {result?.status === "scheduled" && (
            <Alert
              tone="success"
              role="status"
              title={t("handover.scheduled", { n: result.changes.length, date: date(result.effectiveDate) })}
            />
          )}
          {result?.status === "preview" && !issues.length && <Alert tone="info" role="status" title={t("handover.clean")} />}
          {error && !issues.length && <Alert tone="error" role="alert" title={message(error)} />}
        </Card>
        {issues.length > 0 && (
          <RowIssuesTable
            caption={t("handover.issues", { n: issues.length })}
            issues={issues}
            headers={{ row: t("handover.row"), column: t("handover.column"), problem: t("handover.problem") }}
          />
        )}
        {changes.length > 0 && (
          <DataTable
            caption={t("handover.changes", { n: changes.length })}
            columns={[
              { key: "r", header: t("handover.row"), cell: (c) => c.row },
              { key: "l", header: t("handover.leaver"), cell: (c) => `${c.leaver.name}（${c.leaver.org}）` },
              {
                key: "a",
                header: t("handover.leaverAction"),
                cell: (c) => (c.leaverAction === "move" ? t("handover.moveTo", { org: c.moveTo ?? "" }) : t("handover.disable")),
              },
              {
                key: "s",
                header: t("handover.successor"),
                cell: (c) => (
                  <>
                    {c.successor.name}（{c.successor.org}）
                    {c.successorCreated && <span className="block text-dns-14N-130">{t("handover.created")}</span>}
                  </>
                ),
              },
              {
                key: "i",
                header: t("handover.items"),
                cell: (c) =>
                  c.items.length ? (
                    <ul className="list-disc pl-5">
                      {c.items.map((i) => (
                        <li key={`${i.kind}|${i.refId}`}>
                          {label(handoverKindLabels, i.kind)}：{i.title}
                          {i.due && `（${t("handover.due", { date: date(i.due) })}）`}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    t("handover.none")
                  ),
              },
            ]}
            rows={changes}
            rowKey={(c) => String(c.row)}
            empty=""
          />
        )}
      </div>
    </>
  );
}
