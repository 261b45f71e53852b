import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { FormError } from "../../../components/alert.js";
import { Button } from "../../../components/button.js";
import { DataTable } from "../../../components/data-table.js";
import { useToast } from "../../../components/toast.js";
import { useI18n } from "../../../lib/i18n.js";
import { saveAnswer, surveyKeys } from "../api.js";
import { orgCopyUrl, previewUpload, type UploadPreview, useWorkbook } from "./api.js";

/**
 * Answering with the ministry's own form: download the organisation's copy, fill it in Excel offline,
 * upload it, see what was read cell by cell (old → new), and save it as the answer's next version.
 */
export function WorkbookAnswer({ surveyId, orgId, canEdit }: { surveyId: string; orgId: string; canEdit: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const toast = useToast();
  const qc = useQueryClient();
  const workbook = useWorkbook(surveyId);
  const input = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<UploadPreview | null>(null);
  const read = useMutation({
    mutationFn: (file: File) => previewUpload(surveyId, orgId, file),
    onSuccess: setPreview,
  });
  const save = useMutation({
    mutationFn: (p: UploadPreview) => saveAnswer(surveyId, orgId, { version: p.version, data: p.data }),
    onSuccess: (answer) => {
      qc.setQueryData(surveyKeys.answer(surveyId, orgId), answer);
      setPreview(null);
      if (input.current) input.current.value = "";
      toast.show(t("relay.saved"));
    },
  });
  if (!workbook.data) return null;
  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col gap-3 rounded-8 bg-solid-gray-50 p-4">
      <h3 id={`${id}-title`} className="text-std-20B-150">
        {t("relay.byExcel")}
      </h3>
      <p className="text-std-16N-170">{t(workbook.data.kind === "sheets" ? "relay.byExcelLeadSheet" : "relay.byExcelLead")}</p>
      <p>
        <a className="link" href={orgCopyUrl(surveyId, orgId)} download>
          {t("relay.download")}
        </a>
      </p>
      {canEdit && (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            const f = input.current?.files?.[0];
            if (f) read.mutate(f);
          }}
        >
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-file`} className="text-std-16B-170">
              {t("relay.uploadLabel")}
            </label>
            <input id={`${id}-file`} ref={input} type="file" accept=".xlsx,.csv" className="text-std-16N-170" />
          </div>
          <Button type="submit" variant="secondary" busy={read.isPending}>
            {t("relay.read")}
          </Button>
        </form>
      )}
      <FormError error={read.error ?? save.error} />
      {preview && (
        <div className="flex flex-col gap-3">
          <DataTable
            caption={
              preview.row === null
                ? t("relay.previewTitleSheet", { file: preview.file, sheet: preview.sheet })
                : t("relay.previewTitle", { file: preview.file, row: preview.row })
            }
            rows={preview.changes}
            rowKey={(c) => c.ref}
            empty={t("relay.noChanges")}
            columns={[
              { key: "ref", header: t("relay.cell"), cell: (c) => `${preview.sheet}!${c.ref}` },
              { key: "title", header: t("relay.question"), cell: (c) => c.title },
              { key: "before", header: t("relay.before"), cell: (c) => c.before || "—" },
              { key: "after", header: t("relay.after"), cell: (c) => c.after || "—" },
            ]}
          />
          {preview.unchanged > 0 && <p className="text-std-16N-170">{t("relay.unchanged", { n: preview.unchanged })}</p>}
          <div className="flex gap-3">
            <Button busy={save.isPending} onClick={() => save.mutate(preview)}>
              {t("relay.save")}
            </Button>
            <Button variant="secondary" onClick={() => setPreview(null)}>
              {t("relay.cancel")}
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}
