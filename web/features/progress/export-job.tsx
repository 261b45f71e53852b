import { useMutation, useQuery } from "@tanstack/react-query";
import type { ExportJob } from "../../../shared/api/progress-views.js";
import { Button, buttonClass } from "../../components/button.js";
import { api, isApiError } from "../../lib/api.js";
import { useI18n } from "../../lib/i18n.js";

/**
 * The whole programme's Excel file, written on the server by a background job: the button asks for it,
 * the bar shows the job's percentage (announced politely), and the link downloads the file when done.
 */
export function ExportJobButton({ programmeId }: { programmeId: string }) {
  const { t } = useI18n();
  const start = useMutation({ mutationFn: () => api.post<ExportJob>("/progress/exports", { programmeId }) });
  const id = start.data?.id;
  const job = useQuery({
    queryKey: ["progress", "export", id],
    queryFn: () => api.get<ExportJob>(`/progress/exports/${id}`),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data?.status === "done" || q.state.data?.status === "failed" ? false : 1000),
  });
  const current = job.data ?? start.data;
  const working = start.isPending || (!!current && (current.status === "queued" || current.status === "running"));
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="secondary" busy={working} busyLabel={t("progress.exportWorking")} onClick={() => start.mutate()}>
        {t("progress.exportXlsx")}
      </Button>
      <div role="status" aria-live="polite" className="flex items-center gap-2 text-dns-14N-130">
        {current && working && (
          <>
            <progress className="h-3 w-32" max={100} value={current.percent} aria-label={t("progress.exportProgress")} />
            <span className="tabular-nums">{t("progress.exportPercent", { percent: String(current.percent) })}</span>
          </>
        )}
        {current?.status === "done" && current.fileName && (
          <a className={buttonClass("primary", "md", "no-underline")} href={`/api/progress/exports/${current.id}/file`} download>
            {t("progress.exportDownload", { name: current.fileName })}
          </a>
        )}
        {current?.status === "failed" && <span className="text-error-2">{current.error ?? t("progress.exportFailed")}</span>}
        {start.error && (
          <span className="text-error-2">{isApiError(start.error) ? start.error.message : t("progress.exportFailed")}</span>
        )}
      </div>
    </div>
  );
}
