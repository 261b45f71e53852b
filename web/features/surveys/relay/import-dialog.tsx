import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { FormError } from "../../../components/alert.js";
import { Button } from "../../../components/button.js";
import { Dialog } from "../../../components/dialog.js";
import { TextField } from "../../../components/form-field.js";
import { useToast } from "../../../components/toast.js";
import { useI18n } from "../../../lib/i18n.js";
import { importWorkbook } from "./api.js";

/** The secretariat drops the ministry's files; a draft survey is proposed from the workbook's input table. */
export function ImportWorkbookDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const navigate = useNavigate();
  const toast = useToast();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState("");
  const [relay, setRelay] = useState({ ministry: "", documentNumber: "", nationalDeadline: "", contact: "" });
  const set = (k: keyof typeof relay) => (e: React.ChangeEvent<HTMLInputElement>) => setRelay({ ...relay, [k]: e.target.value });
  const run = useMutation({
    mutationFn: () => importWorkbook(title, [...(input.current?.files ?? [])], relay),
    onSuccess: (r) => {
      qc.invalidateQueries({ queryKey: ["surveys", "list"] });
      const w = r.workbook;
      const vars = { sheet: w.sheet, range: w.range, n: w.columns.length, count: w.rows.length };
      toast.show(t(w.kind === "sheets" ? "relay.importedSheets" : "relay.imported", vars));
      navigate(`/surveys/${r.survey.id}/edit`);
    },
  });
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t("relay.importTitle")}
      actions={
        <Button busy={run.isPending} busyLabel={t("state.saving")} onClick={() => run.mutate()}>
          {t("relay.importRun")}
        </Button>
      }
    >
      <p className="text-std-16N-170">{t("relay.importLead")}</p>
      <FormError error={run.error} />
      <TextField
        label={t("surveys.name")}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        hint={t("surveys.nameHint")}
      />
      <TextField label={t("relay.ministry")} value={relay.ministry} onChange={set("ministry")} />
      <TextField label={t("relay.documentNumber")} value={relay.documentNumber} onChange={set("documentNumber")} />
      <TextField
        label={t("relay.nationalDeadline")}
        type="date"
        value={relay.nationalDeadline}
        onChange={set("nationalDeadline")}
        hint={t("relay.nationalDeadlineHint")}
      />
      <TextField label={t("relay.contact")} value={relay.contact} onChange={set("contact")} />
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-files`} className="text-std-16B-170">
          {t("relay.files")}
        </label>
        <p id={`${id}-hint`} className="text-dns-14N-130 text-solid-gray-700">
          {t("relay.filesHint")}
        </p>
        <input id={`${id}-files`} ref={input} type="file" multiple aria-describedby={`${id}-hint`} className="text-std-16N-170" />
      </div>
    </Dialog>
  );
}
