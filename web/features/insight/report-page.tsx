import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { AnnualReportJob } from "../../../shared/api/insight-report.js";
import { fiscalYearAt } from "../../../shared/dates/jst.js";
import { fiscalYearLabel } from "../../../shared/dates/wareki.js";
import { Button, buttonClass } from "../../components/button.js";
import { SelectField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { api, isApiError } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";

/**
 * The annual report (取組状況報告): the secretariat picks a fiscal year and asks for it; a background job writes
 * the DOCX and the PDF while the bar shows its percentage (announced politely); the links download both.
 */
export function ReportPage() {
  const { t } = useI18n();
  const now = fiscalYearAt();
  const years = Array.from({ length: now - 2018 }, (_, i) => now - i);
  const [fiscalYear, setFiscalYear] = useState(String(now));
  const start = useMutation({
    mutationFn: () => api.post<AnnualReportJob>("/insight/reports", { fiscalYear: Number(fiscalYear) }),
  });
  const id = start.data?.id;
  const job = useQuery({
    queryKey: ["insight", "report", id],
    queryFn: () => api.get<AnnualReportJob>(`/insight/reports/${id}`),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data?.status === "done" || q.state.data?.status === "failed" ? false : 1000),
  });
  const current = job.data ?? start.data;
  const working = start.isPending || (!!current && (current.status === "queued" || current.status === "running"));
  const error = start.error && (isApiError(start.error) ? start.error.message : t("insight.reportFailed"));
  return (
    <>
      <PageHeader title={t("insight.reportTitle")} description={t("insight.reportLead")} />
      <form
        className="flex flex-wrap items-end gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          start.mutate();
        }}
      >
        <SelectField
          label={t("insight.reportYear")}
          value={fiscalYear}
          onChange={(e) => setFiscalYear(e.target.value)}
          error={error || undefined}
          options={years.map((y) => ({ value: String(y), label: fiscalYearLabel(y, { western: true }) }))}
        />
        <Button type="submit" busy={working} busyLabel={t("insight.reportWorking")}>
          {t("insight.reportStart")}
        </Button>
      </form>
      <div role="status" aria-live="polite" className="mt-6 flex flex-wrap items-center gap-3 text-dns-16N-170">
        {current && working && (
          <>
            <progress className="h-3 w-48" max={100} value={current.percent} aria-label={t("insight.reportProgress")} />
            <span className="tabular-nums">{t("insight.reportPercent", { percent: String(current.percent) })}</span>
          </>
        )}
        {current?.status === "done" && (
          <>
            <span>{t("insight.reportDone", { label: current.label })}</span>
            {(["docx", "pdf"] as const).map((f) => (
              <a
                key={f}
                className={buttonClass(f === "docx" ? "primary" : "secondary", "md", "no-underline")}
                href={`/api/insight/reports/${current.id}/${f}`}
                download
              >
                {t(f === "docx" ? "insight.reportDocx" : "insight.reportPdf", { name: current.files[f] ?? "" })}
              </a>
            ))}
          </>
        )}
        {current?.status === "failed" && <span className="text-error-2">{current.error ?? t("insight.reportFailed")}</span>}
      </div>
    </>
  );
}
