import { type FormEvent, useState } from "react";
import { type DocumentDetail, documentKindLabels, documentKindsList } from "../../../shared/api/documents.js";
import { FormError, fieldError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { useFolders, useUpdateDocument } from "./api.js";

/** Title, type, fiscal year, source, tags and folder of a document. */
export function DocumentMetaForm({ d }: { d: DocumentDetail }) {
  const { t, label } = useI18n();
  const toast = useToast();
  const save = useUpdateDocument(d.id);
  const folders = useFolders(d.area.bodyId ?? "shared");
  const [v, setV] = useState({
    title: d.title,
    kind: d.kind,
    fiscalYear: d.fiscalYear ? String(d.fiscalYear) : "",
    source: d.source ?? "",
    tags: d.tags.join("、"),
    folderId: d.folder?.id ?? "",
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      { title: v.title, kind: v.kind, fiscalYear: v.fiscalYear, source: v.source, tags: v.tags, folderId: v.folderId || null },
      { onSuccess: () => toast.show(t("state.saved")) },
    );
  };
  const err = (p: string) => fieldError(save.error, p);
  return (
    <section aria-labelledby="meta-heading" className="flex flex-col gap-3">
      <h2 id="meta-heading" className="text-std-20B-150">
        {t("documents.editMeta")}
      </h2>
      <form noValidate onSubmit={submit} className="grid max-w-3xl grid-cols-1 gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <FormError error={save.error} fields={["title", "kind", "fiscalYear", "source", "tags", "folderId"]} />
        </div>
        <TextField
          className="sm:col-span-2"
          label={t("documents.docTitle")}
          required
          value={v.title}
          onChange={(e) => setV({ ...v, title: e.target.value })}
          error={err("title")}
        />
        <SelectField
          label={t("documents.kind")}
          value={v.kind}
          onChange={(e) => setV({ ...v, kind: e.target.value as typeof v.kind })}
          options={documentKindsList.map((k) => ({ value: k, label: label(documentKindLabels, k) }))}
        />
        <TextField
          label={t("documents.fiscalYear")}
          inputMode="numeric"
          value={v.fiscalYear}
          onChange={(e) => setV({ ...v, fiscalYear: e.target.value })}
          error={err("fiscalYear")}
        />
        <TextField
          label={t("documents.source")}
          value={v.source}
          onChange={(e) => setV({ ...v, source: e.target.value })}
          error={err("source")}
        />
        <TextField
          label={t("documents.tags")}
          hint={t("documents.tagsHint")}
          value={v.tags}
          onChange={(e) => setV({ ...v, tags: e.target.value })}
          error={err("tags")}
        />
        <SelectField
          label={t("documents.folder")}
          value={v.folderId}
          onChange={(e) => setV({ ...v, folderId: e.target.value })}
          options={[
            { value: "", label: t("documents.noFolder") },
            ...(folders.data?.items ?? []).map((f) => ({ value: f.id, label: f.name })),
          ]}
        />
        <div className="sm:col-span-2">
          <Button type="submit" busy={save.isPending} busyLabel={t("state.saving")}>
            {t("action.save")}
          </Button>
        </div>
      </form>
    </section>
  );
}
