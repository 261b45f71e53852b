import { useNavigate, useSearchParams } from "react-router";
import { z } from "zod";
import { documentKindLabels, documentKindsList, oneFileMessage, uploadFields } from "../../../shared/api/documents.js";
import { Button } from "../../components/button.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { useBodies } from "../bodies/api.js";
import { useFolders, useUploadDocument } from "./api.js";

/** The upload's fields as the server reads them, plus the one file it requires. */
const uploadForm = uploadFields.extend({
  file: z.custom<FileList>((v) => v instanceof FileList && v.length === 1, { error: oneFileMessage }),
});
type UploadFields = Record<Exclude<keyof z.input<typeof uploadForm>, "file">, string> & { file: FileList | null };

export function DocumentUploadPage() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const toast = useToast();
  const [params] = useSearchParams();
  const form = useZodForm<typeof uploadForm, UploadFields>(uploadForm, {
    defaultValues: {
      area: params.get("area") ?? "shared",
      folderId: "",
      title: "",
      kind: "material",
      fiscalYear: "",
      source: "",
      tags: "",
      note: "",
      file: null,
    },
  });
  const area = form.watch("area");
  const bodies = useBodies();
  const folders = useFolders(area);
  const upload = useUploadDocument();
  // The multipart body carries the fields as typed; the server parses them with the same schema.
  const submit = () => {
    const { file, ...fields } = form.getValues();
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.append(k, v);
    if (file?.[0]) data.append("file", file[0], file[0].name);
    upload.mutate(data, {
      onSuccess: (d) => {
        toast.show(t("documents.uploaded"));
        navigate(`/documents/${d.id}`);
      },
    });
  };
  return (
    <>
      <PageHeader
        title={t("documents.uploadTitle")}
        breadcrumbs={[{ label: t("documents.title"), to: "/documents" }, { label: t("documents.uploadTitle") }]}
      />
      <ZodForm
        form={form}
        onValid={submit}
        error={upload.error}
        aria-label={t("documents.uploadTitle")}
        className="flex max-w-3xl flex-col gap-5"
      >
        <SelectField
          label={t("documents.area")}
          required
          {...form.field("area", { onChange: () => form.setValue("folderId", "") })}
          options={[
            { value: "shared", label: t("documents.shared") },
            ...(bodies.data?.items ?? []).map((b) => ({ value: b.id, label: b.name })),
          ]}
        />
        {(folders.data?.items.length ?? 0) > 0 && (
          <SelectField
            label={t("documents.folder")}
            {...form.field("folderId")}
            options={[
              { value: "", label: t("documents.noFolder") },
              ...(folders.data?.items ?? []).map((f) => ({ value: f.id, label: f.name })),
            ]}
          />
        )}
        <TextField label={t("documents.file")} hint={t("documents.fileHint")} type="file" required {...form.field("file")} />
        <TextField label={t("documents.docTitle")} required {...form.field("title")} />
        <SelectField
          label={t("documents.kind")}
          required
          {...form.field("kind")}
          options={documentKindsList.map((k) => ({ value: k, label: label(documentKindLabels, k) }))}
        />
        <TextField
          label={t("documents.fiscalYear")}
          hint={t("documents.fiscalYearHint")}
          inputMode="numeric"
          {...form.field("fiscalYear")}
        />
        <TextField label={t("documents.source")} {...form.field("source")} />
        <TextField label={t("documents.tags")} hint={t("documents.tagsHint")} {...form.field("tags")} />
        <TextField label={t("documents.note")} {...form.field("note")} />
        <div className="flex gap-3">
          <Button type="submit" busy={upload.isPending} busyLabel={t("state.saving")}>
            {t("documents.upload")}
          </Button>
          <Button variant="secondary" onClick={() => navigate("/documents")}>
            {t("action.cancel")}
          </Button>
        </div>
      </ZodForm>
    </>
  );
}
