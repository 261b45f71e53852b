import { type FormEvent, useRef, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { documentKindLabels, documentKindsList } from "../../../shared/api/documents.js";
import { FormError, fieldError } from "../../components/alert.js";
import { Button } from "../../components/button.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { useToast } from "../../components/toast.js";
import { useI18n } from "../../lib/i18n.js";
import { useBodies } from "../bodies/api.js";
import { useFolders, useUploadDocument } from "./api.js";

const fields = ["area", "folderId", "title", "kind", "fiscalYear", "source", "tags", "note", "file"];

export function DocumentUploadPage() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const toast = useToast();
  const [params] = useSearchParams();
  const [area, setArea] = useState(params.get("area") ?? "shared");
  const bodies = useBodies();
  const folders = useFolders(area);
  const upload = useUploadDocument();
  const file = useRef<HTMLInputElement>(null);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    upload.mutate(form, {
      onSuccess: (d) => {
        toast.show(t("documents.uploaded"));
        navigate(`/documents/${d.id}`);
      },
    });
  };
  const err = (p: string) => fieldError(upload.error, p);
  return (
    <>
      <PageHeader
        title={t("documents.uploadTitle")}
        breadcrumbs={[{ label: t("documents.title"), to: "/documents" }, { label: t("documents.uploadTitle") }]}
      />
      <form noValidate onSubmit={submit} className="flex max-w-3xl flex-col gap-5">
        <FormError error={upload.error} fields={fields} />
        <SelectField
          name="area"
          label={t("documents.area")}
          required
          value={area}
          onChange={(e) => setArea(e.target.value)}
          options={[
            { value: "shared", label: t("documents.shared") },
            ...(bodies.data?.items ?? []).map((b) => ({ value: b.id, label: b.name })),
          ]}
          error={err("area")}
        />
        {(folders.data?.items.length ?? 0) > 0 && (
          <SelectField
            name="folderId"
            label={t("documents.folder")}
            options={[
              { value: "", label: t("documents.noFolder") },
              ...(folders.data?.items ?? []).map((f) => ({ value: f.id, label: f.name })),
            ]}
            error={err("folderId")}
          />
        )}
        <div className="flex flex-col gap-1">
          <label htmlFor="doc-file" className="text-std-16B-170">
            {t("documents.file")} <span className="ml-2 text-dns-14N-130 text-error-2">{t("form.required")}</span>
          </label>
          <p id="doc-file-hint" className="text-dns-14N-130 text-solid-gray-700">
            {t("documents.fileHint")}
          </p>
          <input id="doc-file" ref={file} name="file" type="file" required aria-describedby="doc-file-hint" />
          {err("file") && <p className="text-dns-16N-130 text-error-2">{err("file")}</p>}
        </div>
        <TextField name="title" label={t("documents.docTitle")} required error={err("title")} />
        <SelectField
          name="kind"
          label={t("documents.kind")}
          required
          defaultValue="material"
          options={documentKindsList.map((k) => ({ value: k, label: label(documentKindLabels, k) }))}
          error={err("kind")}
        />
        <TextField
          name="fiscalYear"
          label={t("documents.fiscalYear")}
          hint={t("documents.fiscalYearHint")}
          inputMode="numeric"
          error={err("fiscalYear")}
        />
        <TextField name="source" label={t("documents.source")} error={err("source")} />
        <TextField name="tags" label={t("documents.tags")} hint={t("documents.tagsHint")} error={err("tags")} />
        <TextField name="note" label={t("documents.note")} error={err("note")} />
        <div className="flex gap-3">
          <Button type="submit" busy={upload.isPending} busyLabel={t("state.saving")}>
            {t("documents.upload")}
          </Button>
          <Button variant="secondary" onClick={() => navigate("/documents")}>
            {t("action.cancel")}
          </Button>
        </div>
      </form>
    </>
  );
}
