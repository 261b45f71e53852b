import { type SlaView, slaStateLabels } from "../../../shared/api/consultations.js";
import { Badge, type BadgeTone } from "../../components/badge.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";

const tone: Record<SlaView["state"], BadgeTone> = {
  met: "green",
  missed: "orange",
  on_track: "neutral",
  due_soon: "orange",
  overdue: "red",
  paused: "blue",
};

/** One service-level clock: its state in words and the due date (colour is never the only signal). */
export function SlaBadge({ sla, compact }: { sla: SlaView; compact?: boolean }) {
  const { t, label, locale } = useI18n();
  const done = sla.state === "met" || sla.state === "missed";
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <Badge tone={tone[sla.state]}>{label(slaStateLabels, sla.state)}</Badge>
      {!done && sla.state !== "paused" && (
        <span className="text-dns-14N-130">{t("desk.dueOn", { date: formatDate(sla.due, locale) })}</span>
      )}
      {!compact && <span className="text-dns-14N-130 text-solid-gray-700">（{t("desk.target", { days: sla.target })}）</span>}
    </span>
  );
}
