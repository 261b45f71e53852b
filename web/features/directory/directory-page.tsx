import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Navigate } from "react-router";
import type { DirectoryReport, DirectoryStatus } from "../../../shared/api/directory.js";
import { roleLabels } from "../../../shared/api/roles.js";
import { useMe } from "../../app/session.js";
import { Alert, useErrorMessage } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { Card } from "../../components/card.js";
import { DataTable } from "../../components/data-table.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { api } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";
import type { MessageKey } from "../../lib/messages/index.js";

const show = (v: string | number | null) => (v === null || v === "" ? "—" : String(v));

/** The secretariat's directory sync: where it reads from, a dry run's report (who is created, updated, disabled, left out), and a sync. */
export function DirectoryPage() {
  const { t, label } = useI18n();
  const me = useMe();
  const message = useErrorMessage();
  const [report, setReport] = useState<DirectoryReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const status = useQuery({
    queryKey: ["directory"],
    queryFn: () => api.get<DirectoryStatus>("/directory"),
    enabled: !!me.abilities.syncDirectory,
  });
  if (!me.abilities.syncDirectory) return <Navigate to="/" replace />;

  const run = async (path: "dry-run" | "sync") => {
    setBusy(true);
    setError(null);
    try {
      setReport(await api.post<DirectoryReport>(`/directory/${path}`, {}));
    } catch (e) {
      setReport(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const yesNo = (b: boolean) => (b ? t("directory.orgAdmin") : "");

  return (
    <>
      <PageHeader title={t("nav.directory")} description={t("directory.lead")} />
      <QueryState query={status}>
        {(s) =>
          !s.configured ? (
            <Alert tone="info" role="status" title={t("directory.notConfigured")} />
          ) : (
            <div className="flex flex-col gap-6">
              <Card title={t("directory.settings")}>
                <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
                  <dt className="text-std-16B-170">{t("directory.url")}</dt>
                  <dd className="break-all">{s.url}</dd>
                  <dt className="text-std-16B-170">{t("directory.baseDn")}</dt>
                  <dd className="break-all">{s.baseDn}</dd>
                  <dt className="text-std-16B-170">{t("directory.interval")}</dt>
                  <dd>{s.intervalMinutes ? t("directory.every", { n: s.intervalMinutes }) : t("directory.manual")}</dd>
                </dl>
                <div className="mt-4 flex flex-wrap gap-3">
                  <Button variant="secondary" busy={busy} onClick={() => run("dry-run")}>
                    {t("directory.dryRun")}
                  </Button>
                  {report?.dryRun && (
                    <Button busy={busy} onClick={() => run("sync")}>
                      {t("directory.sync")}
                    </Button>
                  )}
                </div>
                {error !== null && <Alert className="mt-4" tone="error" role="alert" title={message(error)} />}
                {report && (
                  <Alert
                    className="mt-4"
                    tone={report.dryRun ? "info" : "success"}
                    role="status"
                    title={t("directory.summary", {
                      mode: t(report.dryRun ? "directory.modeDry" : "directory.modeDone"),
                      read: report.read,
                      created: report.created.length,
                      updated: report.updated.length,
                      disabled: report.disabled.length,
                      unmapped: report.unmapped.length,
                      unchanged: report.unchanged,
                    })}
                  />
                )}
              </Card>
              {report && (
                <>
                  <DataTable
                    caption={t("directory.created", { n: report.created.length })}
                    rows={report.created}
                    rowKey={(c) => c.email}
                    empty={t("directory.none")}
                    columns={[
                      { key: "name", header: t("directory.name"), cell: (c) => c.name },
                      { key: "email", header: t("directory.email"), cell: (c) => <span className="break-all">{c.email}</span> },
                      { key: "org", header: t("directory.org"), cell: (c) => `${c.orgName}（${c.orgCode}）` },
                      {
                        key: "role",
                        header: t("directory.role"),
                        cell: (c) => [label(roleLabels, c.role), yesNo(c.isOrgAdmin)].filter(Boolean).join("・"),
                      },
                      {
                        key: "dept",
                        header: t("directory.department"),
                        cell: (c) => [c.department, c.title].filter(Boolean).join("　"),
                      },
                    ]}
                  />
                  <DataTable
                    caption={t("directory.updated", { n: report.updated.length })}
                    rows={report.updated}
                    rowKey={(u) => u.userId}
                    empty={t("directory.none")}
                    columns={[
                      { key: "name", header: t("directory.name"), cell: (u) => u.name },
                      { key: "email", header: t("directory.email"), cell: (u) => <span className="break-all">{u.email}</span> },
                      {
                        key: "changes",
                        header: t("directory.changes"),
                        cell: (u) => (
                          <ul className="list-disc pl-5">
                            {u.linked && <li>{t("directory.linked")}</li>}
                            {Object.entries(u.changes).map(([field, c]) => (
                              <li key={field}>
                                {t(`directory.field.${field}` as MessageKey)}：{show(c.before)} → {show(c.after)}
                              </li>
                            ))}
                          </ul>
                        ),
                      },
                    ]}
                  />
                  <DataTable
                    caption={t("directory.disabled", { n: report.disabled.length })}
                    rows={report.disabled}
                    rowKey={(d) => d.userId}
                    empty={t("directory.none")}
                    columns={[
                      { key: "name", header: t("directory.name"), cell: (d) => d.name },
                      { key: "email", header: t("directory.email"), cell: (d) => <span className="break-all">{d.email}</span> },
                    ]}
                  />
                  <DataTable
                    caption={t("directory.unmapped", { n: report.unmapped.length })}
                    rows={report.unmapped}
                    rowKey={(u) => u.dn}
                    empty={t("directory.none")}
                    columns={[
                      { key: "dn", header: t("directory.entry"), cell: (u) => <span className="break-all">{u.dn}</span> },
                      { key: "email", header: t("directory.email"), cell: (u) => u.email ?? "—" },
                      {
                        key: "reason",
                        header: t("directory.reason"),
                        cell: (u) => `${t(`directory.reason.${u.reason}` as MessageKey)}${u.orgCode ? `（${u.orgCode}）` : ""}`,
                      },
                    ]}
                  />
                </>
              )}
            </div>
          )
        }
      </QueryState>
    </>
  );
}
