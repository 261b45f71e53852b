import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { MailPreview, MailTemplateText } from "../../../shared/api/mail-templates.js";
import { FormError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { Dialog } from "../../components/dialog.js";
import { TextAreaField, TextField } from "../../components/form-field.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { api, type MeetingDetail, useMeetingMutation } from "./api.js";

/** The mail as it will go out: subject and text in a plain, scrollable box. */
function MailText({ subject, body }: { subject: string; body: string }) {
  const { t } = useI18n();
  return (
    <div className="flex flex-col gap-1">
      <p className="text-dns-14B-130">
        {t("mail.subject")}：{subject}
      </p>
      <section
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
        tabIndex={0}
        aria-label={t("mail.body")}
        className="max-h-72 overflow-auto rounded-8 border border-solid-gray-420 bg-solid-gray-50 p-3"
      >
        <pre className="font-sans text-dns-14N-130 whitespace-pre-wrap">{body}</pre>
      </section>
    </div>
  );
}

/**
 * 「開催通知を送る」 asks first: who receives the mail, and its text (adjustable for this sending only).
 * Cancelling sends nothing; the server sends exactly the previewed text.
 */
export function AnnounceDialog({ m, open, onClose }: { m: MeetingDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [edit, setEdit] = useState<MailTemplateText | null>(null);
  const preview = useMutation({
    mutationFn: (mail?: MailTemplateText) => api.post<MailPreview>(`/meetings/${m.id}/announce/preview`, mail ? { mail } : {}),
  });
  const announce = useMeetingMutation(m.id, (mail?: MailTemplateText) =>
    api.post<MeetingDetail>(`/meetings/${m.id}/announce`, mail ? { mail } : {}),
  );
  const { mutate: loadPreview, reset } = preview;
  useEffect(() => {
    if (open) loadPreview(undefined);
    else {
      reset();
      setEdit(null);
    }
  }, [open, loadPreview, reset]);

  const p = preview.data;
  // An edited text must be previewed before it can be sent: what is sent is what was shown.
  const stale = edit !== null && JSON.stringify(edit) !== JSON.stringify(preview.variables ?? null);
  return (
    <Dialog
      open={open}
      title={t("meetings.announceConfirmTitle")}
      onClose={onClose}
      actions={
        <Button
          disabled={!p || preview.isPending || stale}
          busy={announce.isPending}
          onClick={() =>
            announce.mutate(edit ?? undefined, {
              onSuccess: () => {
                onClose();
                toast.show(t("meetings.announced"));
              },
            })
          }
        >
          {t("meetings.announceSend", { count: p?.recipients.length ?? 0 })}
        </Button>
      }
    >
      <FormError error={preview.error ?? announce.error} />
      {!p ? (
        <p data-loading>{t("state.loading")}</p>
      ) : (
        <div className="flex flex-col gap-4">
          <p>{t("meetings.announceWhat", { count: p.recipients.length })}</p>
          <details className="rounded-8 border border-solid-gray-300 p-3">
            <summary className="cursor-pointer text-std-16B-170">
              {t("meetings.announceRecipients", { count: p.recipients.length })}
            </summary>
            <section
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
              tabIndex={0}
              aria-label={t("meetings.announceRecipients", { count: p.recipients.length })}
              className="mt-2 max-h-48 overflow-auto"
            >
              <ul className="list-disc pl-6 text-dns-14N-130">
                {p.recipients.map((r) => (
                  <li key={r.email}>
                    {r.orgName}　{r.name}（{r.email}）
                  </li>
                ))}
              </ul>
            </section>
          </details>
          <MailText subject={p.subject} body={p.body} />
          {edit ? (
            <div className="flex flex-col gap-3 rounded-8 border border-solid-gray-300 p-3">
              <p className="text-dns-14N-130">{t("mail.editHint")}</p>
              <TextField
                label={t("mail.subject")}
                value={edit.subject}
                onChange={(e) => setEdit({ ...edit, subject: e.target.value })}
              />
              <TextAreaField
                label={t("mail.body")}
                rows={10}
                value={edit.body}
                onChange={(e) => setEdit({ ...edit, body: e.target.value })}
              />
              {stale && <p className="text-dns-14N-130 text-error-2">{t("mail.refreshFirst")}</p>}
              <div>
                <Button variant="secondary" busy={preview.isPending} onClick={() => preview.mutate(edit)}>
                  {t("mail.refresh")}
                </Button>
              </div>
            </div>
          ) : (
            <div>
              <Button variant="text" onClick={() => setEdit(p.template)}>
                {t("mail.editOnce")}
              </Button>
            </div>
          )}
        </div>
      )}
    </Dialog>
  );
}
