import type { Notice } from "../../../shared/api/notices.js";
import { noticeCategoryLabels, noticeStatusLabels } from "../../../shared/api/notices.js";
import { Badge } from "../../components/badge.js";
import { useI18n } from "../../lib/i18n.js";

/** Category, state and reading marks of a notice; the text says it, colour only helps. */
export function NoticeBadges({ n }: { n: Notice }) {
  const { t, label } = useI18n();
  return (
    <div className="flex flex-wrap items-center gap-2">
      {n.pinned && <Badge tone="blue">{t("notices.pinned")}</Badge>}
      <Badge>{label(noticeCategoryLabels, n.category)}</Badge>
      {n.status !== "published" && <Badge tone="orange">{label(noticeStatusLabels, n.status)}</Badge>}
      {n.required && <Badge tone="red">{t("notices.required")}</Badge>}
      {n.status === "published" && !n.readByMe && <Badge tone="orange">{t("notices.unread")}</Badge>}
      {n.required && n.readByMe && <Badge tone="green">{t("notices.read")}</Badge>}
    </div>
  );
}
