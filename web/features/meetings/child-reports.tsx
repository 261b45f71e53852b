import { useMutation, useQueryClient } from "@tanstack/react-query";
import { FormError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { api, type ChildReports, type MeetingDetail, meetingKeys, useChildReports } from "./api.js";

/**
 * 「部会・WGの報告を議題に加える」: for those who may edit the agenda of a body with subcommittees or WGs, adds
 * one standing item per child body that met since the previous meeting (the server adds each body once).
 */
export function ChildReportsButton({ m }: { m: MeetingDetail }) {
  const { t } = useI18n();
  const toast = useToast();
  const qc = useQueryClient();
  const reports = useChildReports(m.id, m.abilities.canDecide);
  const add = useMutation({
    mutationFn: () => api.post<{ added: number; reports: ChildReports }>(`/meetings/${m.id}/child-reports`),
    onSuccess: (r) => {
      qc.setQueryData(meetingKeys.childReports(m.id), r.reports);
      qc.invalidateQueries({ queryKey: meetingKeys.one(m.id) });
      toast.show(r.added ? t("agenda.childReportsAdded", { n: r.added }) : t("agenda.childReportsNone"));
    },
  });
  if (!m.abilities.canDecide || !reports.data?.bodies.length) return null;
  return (
    <div className="flex flex-col items-start gap-2">
      <p className="text-dns-14N-130">{t("agenda.childReportsHint")}</p>
      <FormError error={add.error} />
      <Button variant="secondary" busy={add.isPending} onClick={() => add.mutate()}>
        {t("agenda.childReports")}
      </Button>
    </div>
  );
}
