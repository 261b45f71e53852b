import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { FormError, fieldError } from "../../../components/alert.js";
import { Button } from "../../../components/button.js";
import { DescriptionList } from "../../../components/description-list.js";
import { Dialog } from "../../../components/dialog.js";
import { CheckboxField, TextField } from "../../../components/form-field.js";
import { useToast } from "../../../components/toast.js";
import { formatDate } from "../../../lib/dates.js";
import { useI18n } from "../../../lib/i18n.js";
import { surveyKeys } from "../api.js";
import { putRelay, type RelayInfo, useRelay } from "./api.js";

/** The national 照会 a survey relays: shown to everyone who reads the survey, edited by the secretariat. */
export function RelayPanel({ surveyId, canEdit }: { surveyId: string; canEdit: boolean }) {
  const { t, locale } = useI18n();
  const id = useId();
  const relay = useRelay(surveyId);
  const [editing, setEditing] = useState(false);
  if (relay.isPending) return null;
  const r = relay.data;
  if (!r && !canEdit) return null;
  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col gap-2">
      <h2 id={`${id}-title`} className="text-std-20B-150">
        {t("relay.national")}
      </h2>
      {r && (
        <DescriptionList
          items={[
            { key: "ministry", term: t("relay.ministry"), value: r.ministry },
            { key: "number", term: t("relay.documentNumber"), value: r.documentNumber || "—" },
            {
              key: "deadline",
              term: t("relay.nationalDeadline"),
              value: r.nationalDeadline ? formatDate(r.nationalDeadline, locale) : "—",
            },
            ...(canEdit && r.proposedDeadline
              ? [{ key: "proposed", term: t("relay.proposed"), value: formatDate(r.proposedDeadline, locale) }]
              : []),
            { key: "contact", term: t("relay.contact"), value: r.contact || "—" },
          ]}
        />
      )}
      {canEdit && (
        <div>
          <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
            {r ? t("relay.edit") : t("relay.add")}
          </Button>
        </div>
      )}
      {editing && <RelayDialog surveyId={surveyId} relay={r ?? null} onClose={() => setEditing(false)} />}
    </section>
  );
}

function RelayDialog({ surveyId, relay, onClose }: { surveyId: string; relay: RelayInfo | null; onClose: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const qc = useQueryClient();
  const [form, setForm] = useState({
    ministry: relay?.ministry ?? "",
    documentNumber: relay?.documentNumber ?? "",
    nationalDeadline: relay?.nationalDeadline ?? "",
    contact: relay?.contact ?? "",
    applyProposedDeadline: !relay,
  });
  const save = useMutation({
    mutationFn: () => putRelay(surveyId, { ...form, nationalDeadline: form.nationalDeadline || null }),
    onSuccess: (r) => {
      qc.setQueryData(["surveys", "relay", surveyId], r);
      qc.invalidateQueries({ queryKey: surveyKeys.one(surveyId) });
      toast.show(t("relay.saved2"));
      onClose();
    },
  });
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [k]: k === "applyProposedDeadline" ? e.target.checked : e.target.value });
  const fields = ["ministry", "documentNumber", "nationalDeadline", "contact"];
  return (
    <Dialog
      open
      onClose={onClose}
      title={relay ? t("relay.edit") : t("relay.add")}
      actions={
        <Button busy={save.isPending} onClick={() => save.mutate()}>
          {t("action.save")}
        </Button>
      }
    >
      <FormError error={save.error} fields={fields} />
      <TextField
        label={t("relay.ministry")}
        required
        value={form.ministry}
        onChange={set("ministry")}
        error={fieldError(save.error, "ministry")}
      />
      <TextField
        label={t("relay.documentNumber")}
        value={form.documentNumber}
        onChange={set("documentNumber")}
        error={fieldError(save.error, "documentNumber")}
      />
      <TextField
        label={t("relay.nationalDeadline")}
        type="date"
        value={form.nationalDeadline}
        onChange={set("nationalDeadline")}
        hint={t("relay.nationalDeadlineHint")}
        error={fieldError(save.error, "nationalDeadline")}
      />
      <CheckboxField
        label={t("relay.applyProposed")}
        checked={form.applyProposedDeadline}
        onChange={set("applyProposedDeadline")}
      />
      <TextField
        label={t("relay.contact")}
        value={form.contact}
        onChange={set("contact")}
        error={fieldError(save.error, "contact")}
      />
    </Dialog>
  );
}
