import { type FormEvent, useRef } from "react";
import type { NoticeDetail } from "../../../shared/api/notices.js";
import { FormError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { useToast } from "../../components/toast.js";
import { fileSize } from "../../lib/files.js";
import { useI18n } from "../../lib/i18n.js";
import { useRemoveAttachment, useUploadAttachments } from "./api.js";

export function NoticeAttachments({ n }: { n: NoticeDetail }) {
  const { t } = useI18n();
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const upload = useUploadAttachments(n.id);
  const remove = useRemoveAttachment(n.id);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const form = new FormData();
    for (const f of input.current?.files ?? []) form.append("file", f);
    upload.mutate(form, {
      onSuccess: () => {
        toast.show(t("notices.uploaded"));
        if (input.current) input.current.value = "";
      },
    });
  };
  const url = (id: string) => `/api/notices/${n.id}/attachments/${id}`;
  if (n.attachments.length === 0 && !n.abilities.canEdit) return null;
  return (
    <section aria-labelledby="attachments-heading" className="flex flex-col gap-3">
      <h2 id="attachments-heading" className="text-std-20B-150">
        {t("notices.attachments")}
      </h2>
      {n.attachments.length === 0 ? (
        <p>{t("notices.noAttachments")}</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {n.attachments.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-3">
              <span className="text-std-16B-170">{a.name}</span>
              <span className="text-dns-14N-130 text-solid-gray-700">{fileSize(a.size)}</span>
              {a.previewable && (
                <a href={`${url(a.id)}?inline=1`} className="link" target="_blank" rel="noopener">
                  {t("notices.view")}
                </a>
              )}
              <a href={url(a.id)} className="link">
                {t("notices.download")}
              </a>
              {n.abilities.canEdit && (
                <Button
                  variant="text"
                  size="sm"
                  onClick={() => remove.mutate(a.id)}
                  aria-label={`${t("notices.removeAttachment")}：${a.name}`}
                >
                  {t("notices.removeAttachment")}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {n.abilities.canEdit && (
        <form noValidate onSubmit={submit} className="flex flex-col gap-2 rounded-8 border border-solid-gray-300 p-4">
          <FormError error={upload.error ?? remove.error} />
          <label htmlFor="notice-files" className="text-std-16B-170">
            {t("notices.files")}
          </label>
          <p id="notice-files-hint" className="text-dns-14N-130 text-solid-gray-700">
            {t("notices.uploadHint")}
          </p>
          <input id="notice-files" ref={input} type="file" multiple aria-describedby="notice-files-hint" />
          <div>
            <Button type="submit" variant="secondary" busy={upload.isPending} busyLabel={t("state.saving")}>
              {t("notices.upload")}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
