import { useState } from "react";
import { useNavigate } from "react-router";
import { type NoticeDetail, publishInput } from "../../../shared/api/notices.js";
import { FormError } from "../../components/alert.js";
import { Button, ButtonLink } from "../../components/button.js";
import { ConfirmDialog } from "../../components/dialog.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { TextField } from "../../components/form-field.js";
import { useToast } from "../../components/toast.js";
import { jstInputToIso } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useDeleteNotice, useNoticeAction, usePublish } from "./api.js";

/** Publishing controls for editors: publish now or at a time, back to draft, pin, archive, delete. */
export function NoticeManage({ n }: { n: NoticeDetail }) {
  const { t } = useI18n();
  const toast = useToast();
  const navigate = useNavigate();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [confirmPublish, setConfirmPublish] = useState(false);
  const publish = usePublish(n.id);
  const schedule = usePublish(n.id);
  const unpublish = useNoticeAction(n.id, "unpublish");
  const pin = useNoticeAction(n.id, "pin");
  const archive = useNoticeAction(n.id, "archive");
  const del = useDeleteNotice(n.id);
  const error = publish.error ?? unpublish.error ?? pin.error ?? archive.error ?? del.error;
  // The time as typed in Japan; an empty field is no time, which the schema refuses with its own words.
  const scheduleForm = useZodForm<typeof publishInput, { at: string }>(publishInput, {
    defaultValues: { at: "" },
    toInput: (v) => ({ at: jstInputToIso(v.at) ?? "" }),
  });
  const draftLike = n.status === "draft" || n.status === "scheduled";
  return (
    <section
      aria-labelledby="manage-heading"
      className="flex flex-col gap-4 rounded-12 border border-solid-gray-300 bg-solid-gray-50 p-4"
    >
      <h2 id="manage-heading" className="text-std-20B-150">
        {t("notices.manage")}
      </h2>
      <FormError error={error} />
      <div className="flex flex-wrap gap-3">
        <ButtonLink to={`/notices/${n.id}/edit`}>{t("action.edit")}</ButtonLink>
        {draftLike && (
          <Button busy={publish.isPending} onClick={() => setConfirmPublish(true)}>
            {t("notices.publishNow")}
          </Button>
        )}
        {n.status !== "draft" && n.status !== "archived" && (
          <Button variant="secondary" onClick={() => unpublish.mutate(undefined)}>
            {t("notices.unpublish")}
          </Button>
        )}
        {n.status === "published" && (
          <Button variant="secondary" onClick={() => pin.mutate(!n.pinned)}>
            {n.pinned ? t("notices.unpin") : t("notices.pin")}
          </Button>
        )}
        {(n.status === "published" || n.status === "archived") && (
          <Button variant="secondary" onClick={() => archive.mutate(n.status === "published")}>
            {n.status === "published" ? t("notices.archive") : t("notices.unarchive")}
          </Button>
        )}
        {n.abilities.canDelete && (
          <Button variant="danger" onClick={() => setConfirmDelete(true)}>
            {t("action.delete")}
          </Button>
        )}
      </div>
      {draftLike && (
        <ZodForm
          form={scheduleForm}
          error={schedule.error}
          onValid={(v) => schedule.mutate(v.at, { onSuccess: () => toast.show(t("notices.scheduledToast")) })}
          className="flex flex-wrap items-end gap-3"
        >
          <TextField
            type="datetime-local"
            label={t("notices.scheduleAt")}
            hint={t("notices.scheduleHint")}
            {...scheduleForm.field("at")}
          />
          <Button type="submit" variant="secondary" busy={schedule.isPending}>
            {t("notices.schedule")}
          </Button>
        </ZodForm>
      )}
      <ConfirmDialog
        open={confirmPublish}
        title={t("notices.publishConfirmTitle")}
        message={
          <div className="flex flex-col gap-2">
            <p>
              {n.body
                ? t("notices.publishAudienceBody", { title: n.title, body: n.body.name })
                : t("notices.publishAudienceAll", { title: n.title })}
            </p>
            <p>{n.required ? t("notices.publishNotifyRequired") : t("notices.publishNotify")}</p>
          </div>
        }
        confirmLabel={t("notices.publishNow")}
        busy={publish.isPending}
        onClose={() => setConfirmPublish(false)}
        onConfirm={() =>
          publish.mutate(undefined, {
            onSuccess: () => {
              setConfirmPublish(false);
              toast.show(t("notices.publishedToast"));
            },
          })
        }
      />
      <ConfirmDialog
        open={confirmDelete}
        title={t("notices.deleteTitle")}
        message={t("notices.deleteConfirm", { title: n.title })}
        confirmLabel={t("action.delete")}
        danger
        busy={del.isPending}
        onClose={() => setConfirmDelete(false)}
        onConfirm={() => del.mutate(undefined, { onSuccess: () => navigate("/notices") })}
      />
    </section>
  );
}
