import { type FormEvent, useRef } from "react";
import type { ChallengeDetail } from "../../../shared/api/challenges.js";
import { FormError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { useToast } from "../../components/toast.js";
import { fileSize } from "../../lib/files.js";
import { useI18n } from "../../lib/i18n.js";
import { useRemoveChallengeFile, useUploadChallengeFiles } from "./api.js";

/** Files the posting organisation attaches (the vendor's letter …); everyone who sees the challenge may open them. */
export function ChallengeAttachments({ c }: { c: ChallengeDetail }) {
  const { t } = useI18n();
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const upload = useUploadChallengeFiles(c.id);
  const remove = useRemoveChallengeFile(c.id);
  if (c.attachments.length === 0 && !c.abilities.canEdit) return null;
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
  return (
    <section aria-labelledby="c-attachments" className="flex flex-col gap-2">
      <h2 id="c-attachments" className="text-std-20B-150">
        {t("challenges.attachments")}
      </h2>
      {c.attachments.length === 0 ? (
        <p>{t("notices.noAttachments")}</p>
      ) : (
        <ul className="flex flex-col gap-1">
          {c.attachments.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-3">
              <a href={`/api/challenges/${c.id}/attachments/${a.id}${a.previewable ? "?inline=1" : ""}`} className="link">
                {a.name}
              </a>
              <span className="text-dns-14N-130">{fileSize(a.size)}</span>
              {c.abilities.canEdit && (
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
      {c.abilities.canEdit && (
        <form noValidate onSubmit={submit} className="flex flex-col gap-2 rounded-8 border border-solid-gray-300 p-4">
          <FormError error={upload.error ?? remove.error} />
          <label htmlFor="challenge-files" className="text-std-16B-170">
            {t("notices.files")}
          </label>
          <p id="challenge-files-hint" className="text-dns-14N-130 text-solid-gray-700">
            {t("notices.uploadHint")}
          </p>
          <input id="challenge-files" ref={input} type="file" multiple aria-describedby="challenge-files-hint" />
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
