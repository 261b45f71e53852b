import { type DocumentDetail, documentKindLabels, documentKindsList, documentPatch } from "../../../shared/api/documents.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { useFolders, useUpdateDocument } from "./api.js";

/** The fields as typed: year and tags as text (the schema parses them as the server does), "" for no folder. */
type MetaFields = {
  title: string;
  kind: DocumentDetail["kind"];
  fiscalYear: string;
  source: string;
  tags: string;
  folderId: string;
};
const toInput = (v: MetaFields) => ({ ...v, folderId: v.folderId || null });

/** Title, type, fiscal year, source, tags and folder of a document. */
export function DocumentMetaForm({ d }: { d: DocumentDetail }) {
  const { t, label } = useI18n();
  const toast = useToast();
  const save = useUpdateDocument(d.id);
  const folders = useFolders(d.area.bodyId ?? "shared");
  const form = useZodForm<typeof documentPatch, MetaFields>(documentPatch, {
    toInput,
    defaultValues: {
      title: d.title,
      kind: d.kind,
      fiscalYear: d.fiscalYear ? String(d.fiscalYear) : "",
      source: d.source ?? "",
      tags: d.tags.join("、"),
      folderId: d.folder?.id ?? "",
    },
  });
  return (
    <section aria-labelledby="meta-heading" className="flex flex-col gap-3">
      <h2 id="meta-heading" className="text-std-20B-150">
        {t("documents.editMeta")}
      </h2>
      <ZodForm
        form={form}
        onValid={(v) => save.mutate(v, { onSuccess: () => toast.show(t("state.saved")) })}
        error={save.error}
        className="grid max-w-3xl grid-cols-1 gap-4 sm:grid-cols-2"
      >
        <TextField className="sm:col-span-2" label={t("documents.docTitle")} required {...form.field("title")} />
        <SelectField
          label={t("documents.kind")}
          {...form.field("kind")}
          options={documentKindsList.map((k) => ({ value: k, label: label(documentKindLabels, k) }))}
        />
        <TextField label={t("documents.fiscalYear")} inputMode="numeric" {...form.field("fiscalYear")} />
        <TextField label={t("documents.source")} {...form.field("source")} />
        <TextField label={t("documents.tags")} hint={t("documents.tagsHint")} {...form.field("tags")} />
        <SelectField
          label={t("documents.folder")}
          {...form.field("folderId")}
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
      </ZodForm>
    </section>
  );
}
