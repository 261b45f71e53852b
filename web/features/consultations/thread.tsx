import { formatDateTime } from "../../lib/dates.js";
import { fileSize } from "../../lib/files.js";
import { useI18n } from "../../lib/i18n.js";
import type { ConsultationDetail } from "./api.js";
import { attachmentUrl } from "./api.js";

type Attachment = ConsultationDetail["attachments"][number];

export function AttachmentList({ consultationId, files }: { consultationId: string; files: Attachment[] }) {
  if (files.length === 0) return null;
  return (
    <ul className="flex flex-col gap-1">
      {files.map((f) => (
        <li key={f.id}>
          <a className="link" href={attachmentUrl(consultationId, f.id)} download={f.name}>
            {f.name}
          </a>
          <span className="ml-2 text-dns-14N-130 text-solid-gray-700">（{fileSize(f.size)}）</span>
        </li>
      ))}
    </ul>
  );
}

/** The conversation: replies both ways, internal notes marked as staff-only, and system lines. */
export function Thread({ c }: { c: ConsultationDetail }) {
  const { t, locale } = useI18n();
  if (c.messages.length === 0) return <p>{t("desk.detail.noMessages")}</p>;
  return (
    <ol className="flex flex-col gap-3">
      {c.messages.map((m) => {
        if (m.kind === "event")
          return (
            <li key={m.id} className="text-dns-14N-130 text-solid-gray-700">
              {formatDateTime(m.createdAt, locale)}　{m.body}
            </li>
          );
        const note = m.kind === "note";
        const style = note
          ? "border-orange-900 bg-orange-50"
          : m.author?.staff
            ? "border-blue-900 bg-blue-50"
            : "border-solid-gray-420 bg-white";
        return (
          <li key={m.id}>
            <article className={`rounded-8 border-l-8 border p-4 ${style}`} aria-label={note ? t("desk.detail.note") : undefined}>
              <p className="mb-2 flex flex-wrap gap-x-3 text-dns-14B-130">
                {note && <span className="text-orange-1100">{t("desk.detail.note")}</span>}
                <span>{m.author ? `${m.author.orgName}　${m.author.name}` : ""}</span>
                <span className="font-normal text-solid-gray-700">{formatDateTime(m.createdAt, locale)}</span>
              </p>
              <p className="whitespace-pre-wrap text-std-16N-170">{m.body}</p>
              <AttachmentList consultationId={c.id} files={m.attachments} />
            </article>
          </li>
        );
      })}
    </ol>
  );
}
