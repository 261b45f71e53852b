import type { UseMutationResult } from "@tanstack/react-query";
import { type FormEvent, useId, useRef } from "react";
import { fileSize } from "../lib/files.js";
import { useI18n } from "../lib/i18n.js";
import { FormError } from "./alert.js";
import { Button } from "./button.js";
import { useToast } from "./toast.js";

export interface AttachedFile {
  id: string;
  name: string;
  size: number;
  previewable: boolean;
}

export interface AttachmentsProps {
  files: AttachedFile[];
  /** The files' URL, e.g. "/api/notices/1/attachments"; a file is at `${url}/${id}`, its preview at `…?inline=1`. */
  url: string;
  canEdit: boolean;
  /** Sends the chosen files, each under the field "file". */
  upload: UseMutationResult<unknown, Error, FormData>;
  remove: UseMutationResult<unknown, Error, string>;
}

/**
 * The files attached to a notice or a challenge: a list to view or download (nothing at all when there
 * are none and the reader may not add any) and, for editors, a remove button per file and an upload form.
 */
export function Attachments({ files, url, canEdit, upload, remove }: AttachmentsProps) {
  const { t } = useI18n();
  const toast = useToast();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  if (files.length === 0 && !canEdit) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const form = new FormData();
    for (const f of input.current?.files ?? []) form.append("file", f);
    upload.mutate(form, {
      onSuccess: () => {
        toast.show(t("attachments.uploaded"));
        if (input.current) input.current.value = "";
      },
    });
  };
  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-3">
      <h2 id={`${id}-heading`} className="text-std-20B-150">
        {t("attachments.title")}
      </h2>
      {files.length === 0 ? (
        <p>{t("attachments.none")}</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {files.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-3">
              <span className="text-std-16B-170">{a.name}</span>
              <span className="text-dns-14N-130 text-solid-gray-700">{fileSize(a.size)}</span>
              {a.previewable && (
                <a href={`${url}/${a.id}?inline=1`} className="link" target="_blank" rel="noopener">
                  {t("attachments.view")}
                </a>
              )}
              <a href={`${url}/${a.id}`} className="link">
                {t("attachments.download")}
              </a>
              {canEdit && (
                <Button
                  variant="text"
                  size="sm"
                  onClick={() => remove.mutate(a.id)}
                  aria-label={`${t("attachments.remove")}：${a.name}`}
                >
                  {t("attachments.remove")}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form noValidate onSubmit={submit} className="flex flex-col gap-2 rounded-8 border border-solid-gray-300 p-4">
          <FormError error={upload.error ?? remove.error} />
          <label htmlFor={`${id}-files`} className="text-std-16B-170">
            {t("attachments.files")}
          </label>
          <p id={`${id}-hint`} className="text-dns-14N-130 text-solid-gray-700">
            {t("attachments.uploadHint")}
          </p>
          <input id={`${id}-files`} ref={input} type="file" multiple aria-describedby={`${id}-hint`} />
          <div>
            <Button type="submit" variant="secondary" busy={upload.isPending} busyLabel={t("state.saving")}>
              {t("attachments.upload")}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
