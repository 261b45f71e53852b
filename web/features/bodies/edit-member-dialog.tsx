import { useState } from "react";
import { positionLabels, positions } from "../../../shared/api/bodies.js";
import { FormError, fieldError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { Dialog } from "../../components/dialog.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { useToast } from "../../components/toast.js";
import type { Member } from "../../lib/api-types.js";
import { useI18n } from "../../lib/i18n.js";
import { memberName, useUpdateMember } from "./api.js";

export function EditMemberDialog({ bodyId, member, onClose }: { bodyId: string; member: Member; onClose: () => void }) {
  const { t, label } = useI18n();
  const toast = useToast();
  const update = useUpdateMember(bodyId);
  const [v, setV] = useState({ position: member.position, termStart: member.termStart ?? "", termEnd: member.termEnd ?? "" });
  const err = update.error;
  const save = () =>
    update.mutate(
      { memberId: member.id, patch: { position: v.position, termStart: v.termStart || null, termEnd: v.termEnd || null } },
      {
        onSuccess: () => {
          toast.show(t("state.saved"));
          onClose();
        },
      },
    );
  return (
    <Dialog
      open
      title={t("bodies.editMember", { name: memberName(member) })}
      onClose={onClose}
      actions={
        <Button busy={update.isPending} onClick={save}>
          {t("action.save")}
        </Button>
      }
    >
      <FormError error={err} fields={["position", "termStart", "termEnd"]} />
      <SelectField
        label={t("bodies.position")}
        value={v.position}
        onChange={(e) => setV({ ...v, position: e.target.value as Member["position"] })}
        options={positions.map((p) => ({ value: p, label: label(positionLabels, p) }))}
        error={fieldError(err, "position")}
      />
      <TextField
        label={t("bodies.termStart")}
        type="date"
        value={v.termStart}
        onChange={(e) => setV({ ...v, termStart: e.target.value })}
        error={fieldError(err, "termStart")}
      />
      <TextField
        label={t("bodies.termEnd")}
        type="date"
        value={v.termEnd}
        onChange={(e) => setV({ ...v, termEnd: e.target.value })}
        error={fieldError(err, "termEnd")}
      />
    </Dialog>
  );
}
