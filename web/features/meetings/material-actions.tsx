import { useState } from "react";
import type { z } from "zod";
import { materialPatch } from "../../../shared/api/meetings.js";
import { FormError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { ConfirmDialog, Dialog } from "../../components/dialog.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { api, type MeetingDetail, useMeetingMutation } from "./api.js";

type Material = MeetingDetail["materials"][number];

interface EditFields {
  title: string;
  /** "" for a meeting-wide material (null in the request). */
  agendaItemId: string;
}

/** Rename a material or move it to another agenda item, in a dialog. */
function EditDialog({ m, x, onClose }: { m: MeetingDetail; x: Material; onClose: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const form = useZodForm<typeof materialPatch, EditFields>(materialPatch, {
    defaultValues: { title: x.title, agendaItemId: x.agendaItemId ?? "" },
    toInput: (v) => ({ ...v, agendaItemId: v.agendaItemId || null }),
  });
  const save = useMeetingMutation(m.id, (patch: z.output<typeof materialPatch>) =>
    api.patch<MeetingDetail>(`/meetings/${m.id}/materials/${x.id}`, patch),
  );
  const items = m.agenda.filter((a) => a.status === "accepted" || a.status === "proposed");
  const submit = (patch: z.output<typeof materialPatch>) =>
    save.mutate(patch, {
      onSuccess: () => {
        toast.show(t("materials.updated"));
        onClose();
      },
    });
  return (
    <Dialog
      open
      title={t("materials.editTitle", { title: x.title })}
      onClose={onClose}
      actions={
        <Button type="submit" form={`material-edit-${x.id}`} busy={save.isPending}>
          {t("action.save")}
        </Button>
      }
    >
      <ZodForm id={`material-edit-${x.id}`} form={form} onValid={submit} error={save.error} className="flex flex-col gap-4">
        <TextField label={t("materials.name")} required {...form.field("title")} />
        <SelectField
          label={t("materials.item")}
          {...form.field("agendaItemId")}
          options={[
            ...(m.abilities.canUpload ? [{ value: "", label: t("materials.meetingWide") }] : []),
            ...items.map((a) => ({
              value: a.id,
              label: a.number ? `${t("agenda.number", { n: a.number })} ${a.title}` : a.title,
            })),
          ]}
        />
      </ZodForm>
    </Dialog>
  );
}

/** A material's buttons: move up or down (the secretariat), edit, and delete after a confirmation. */
export function MaterialActions({ m, x, index }: { m: MeetingDetail; x: Material; index: number }) {
  const { t } = useI18n();
  const toast = useToast();
  const [dialog, setDialog] = useState<"edit" | "delete" | null>(null);
  const ids = m.materials.map((y) => y.id);
  const move = useMeetingMutation(m.id, (to: number) => {
    const order = ids.filter((id) => id !== x.id);
    order.splice(to, 0, x.id);
    return api.put<MeetingDetail>(`/meetings/${m.id}/materials/order`, { materialIds: order });
  });
  const remove = useMeetingMutation(m.id, () => api.delete<MeetingDetail>(`/meetings/${m.id}/materials/${x.id}`));
  if (!x.abilities.canReplace && !x.abilities.canDelete) return null;
  return (
    <div className="flex flex-wrap gap-2">
      {m.abilities.canUpload && (
        <>
          <Button
            size="sm"
            variant="secondary"
            disabled={index === 0}
            aria-label={t("agenda.moveUp", { title: x.title })}
            onClick={() => move.mutate(index - 1)}
          >
            ↑
          </Button>
          <Button
            size="sm"
            variant="secondary"
            disabled={index === ids.length - 1}
            aria-label={t("agenda.moveDown", { title: x.title })}
            onClick={() => move.mutate(index + 1)}
          >
            ↓
          </Button>
        </>
      )}
      {x.abilities.canReplace && (
        <Button
          size="sm"
          variant="secondary"
          aria-label={t("materials.edit", { title: x.title })}
          onClick={() => setDialog("edit")}
        >
          {t("materials.editShort")}
        </Button>
      )}
      {x.abilities.canDelete && (
        <Button
          size="sm"
          variant="secondary"
          aria-label={t("materials.delete", { title: x.title })}
          onClick={() => setDialog("delete")}
        >
          {t("materials.deleteShort")}
        </Button>
      )}
      {move.error ? <FormError error={move.error} /> : null}
      {dialog === "edit" && <EditDialog m={m} x={x} onClose={() => setDialog(null)} />}
      <ConfirmDialog
        open={dialog === "delete"}
        danger
        title={t("materials.deleteTitle")}
        message={
          <>
            <p>{t("materials.deleteMessage", { label: x.label, title: x.title })}</p>
            {remove.error ? <FormError error={remove.error} /> : null}
          </>
        }
        confirmLabel={t("materials.deleteConfirm")}
        busy={remove.isPending}
        onClose={() => setDialog(null)}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              setDialog(null);
              toast.show(t("materials.deleted"));
            },
          })
        }
      />
    </div>
  );
}
