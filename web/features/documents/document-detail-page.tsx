import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { z } from "zod";
import { type DocumentDetail, documentKindLabels, oneFileMessage, versionFields } from "../../../shared/api/documents.js";
import { fiscalYearLabel } from "../../../shared/dates/wareki.js";
import { Button } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { DescriptionList } from "../../components/description-list.js";
import { ConfirmDialog } from "../../components/dialog.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { formatDate, formatDateTime } from "../../lib/dates.js";
import { fileSize } from "../../lib/files.js";
import { useI18n } from "../../lib/i18n.js";
import { fileUrl, useDeleteDocument, useDocument, useUploadVersion } from "./api.js";
import { DocumentMetaForm } from "./document-meta-form.js";

type Version = DocumentDetail["versions"][number];

/**
 * PDFs and images are shown from our own origin (inline), so nothing leaves LGWAN to preview them.
 * The PDF viewer loads on request: a large PDF should not be fetched just by opening the page.
 */
function Preview({ d }: { d: DocumentDetail }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  const src = fileUrl(d.id, "current", true);
  const name = t("documents.previewFrame", { title: d.title });
  if (!d.file.previewable) return <p>{t("documents.noPreview")}</p>;
  if (d.file.mime.startsWith("image/"))
    return <img src={src} alt={name} className="max-h-[70vh] max-w-full border border-solid-gray-300" />;
  if (!shown)
    return (
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={() => setShown(true)}>
          {t("documents.showPreview")}
        </Button>
        <a href={src} className="link" target="_blank" rel="noopener">
          {t("documents.openPreview")}
        </a>
      </div>
    );
  return <iframe src={src} title={name} className="h-[70vh] w-full rounded-8 border border-solid-gray-300" />;
}

/** A new version's note as the server reads it, plus the one file it requires. */
const versionForm = versionFields.extend({
  file: z.custom<FileList>((v) => v instanceof FileList && v.length === 1, { error: oneFileMessage }),
});

function NewVersionForm({ d }: { d: DocumentDetail }) {
  const { t } = useI18n();
  const toast = useToast();
  const upload = useUploadVersion(d.id);
  const form = useZodForm<typeof versionForm, { note: string; file: FileList | null }>(versionForm, {
    defaultValues: { note: "", file: null },
  });
  // The multipart body carries the note as typed; the server parses it with the same schema.
  const submit = () => {
    const { note, file } = form.getValues();
    const data = new FormData();
    data.append("note", note);
    if (file?.[0]) data.append("file", file[0], file[0].name);
    upload.mutate(data, {
      onSuccess: () => {
        form.reset();
        toast.show(t("documents.versionAdded"));
      },
    });
  };
  return (
    <ZodForm
      form={form}
      onValid={submit}
      error={upload.error}
      aria-labelledby="new-version-heading"
      className="flex flex-col gap-3 rounded-8 border border-solid-gray-300 p-4"
    >
      <h3 id="new-version-heading" className="text-std-18B-160">
        {t("documents.newVersion")}
      </h3>
      <TextField label={t("documents.file")} type="file" required {...form.field("file")} />
      <TextField label={t("documents.note")} {...form.field("note")} />
      <div>
        <Button type="submit" variant="secondary" busy={upload.isPending} busyLabel={t("state.saving")}>
          {t("documents.newVersion")}
        </Button>
      </div>
    </ZodForm>
  );
}

function DocumentView({ d }: { d: DocumentDetail }) {
  const { t, label, locale } = useI18n();
  const navigate = useNavigate();
  const toast = useToast();
  const [confirm, setConfirm] = useState(false);
  const del = useDeleteDocument(d.id);
  return (
    <>
      <PageHeader
        title={d.title}
        breadcrumbs={[{ label: t("documents.title"), to: "/documents" }, { label: d.title }]}
        actions={
          <>
            <a href={fileUrl(d.id, "current")} className="link self-center">
              {t("attachments.download")}（{d.file.name}・{fileSize(d.file.size)}）
            </a>
            {d.abilities.canDelete && (
              <Button variant="danger" onClick={() => setConfirm(true)}>
                {t("action.delete")}
              </Button>
            )}
          </>
        }
      />
      <div className="flex flex-col gap-6">
        <DescriptionList
          items={[
            {
              key: "area",
              term: t("documents.area"),
              value: `${d.area.bodyId ? d.area.name : t("documents.shared")}${d.folder ? ` / ${d.folder.name}` : ""}`,
            },
            { key: "kind", term: t("documents.kind"), value: label(documentKindLabels, d.kind) },
            {
              key: "fy",
              term: t("documents.fiscalYear"),
              value: d.fiscalYear ? fiscalYearLabel(d.fiscalYear, { western: true }) : "",
            },
            { key: "source", term: t("documents.source"), value: d.source },
            { key: "tags", term: t("documents.tags"), value: d.tags.join("、") },
            { key: "org", term: t("documents.org"), value: d.org.name },
            { key: "updated", term: t("documents.updated"), value: formatDate(d.updatedAt, locale) },
          ]}
        />
        <section aria-labelledby="preview-heading" className="flex flex-col gap-3">
          <h2 id="preview-heading" className="text-std-20B-150">
            {t("documents.preview")}
          </h2>
          <Preview d={d} />
        </section>
        <section aria-labelledby="versions-heading" className="flex flex-col gap-3">
          <h2 id="versions-heading" className="text-std-20B-150">
            {t("documents.versions")}
          </h2>
          <DataTable<Version>
            caption={t("documents.versionsCaption")}
            hideCaption
            rows={d.versions}
            rowKey={(v) => String(v.version)}
            empty=""
            columns={[
              { key: "v", header: t("documents.version"), cell: (v) => t("documents.versionN", { n: v.version }) },
              {
                key: "file",
                header: t("documents.file"),
                cell: (v) => (
                  <a href={fileUrl(d.id, v.version)} className="link">
                    {v.file.name}
                  </a>
                ),
              },
              { key: "note", header: t("documents.note"), cell: (v) => v.note },
              { key: "by", header: t("documents.uploadedBy"), cell: (v) => v.createdBy },
              { key: "at", header: t("documents.updated"), cell: (v) => formatDateTime(v.createdAt, locale) },
              { key: "text", header: t("documents.textStatus"), cell: (v) => t(`documents.text.${v.textStatus}`) },
            ]}
          />
          {d.abilities.canEdit && <NewVersionForm d={d} />}
        </section>
        {d.abilities.canEdit && <DocumentMetaForm d={d} />}
      </div>
      <ConfirmDialog
        open={confirm}
        title={t("documents.deleteTitle")}
        message={t("documents.deleteConfirm", { title: d.title })}
        confirmLabel={t("action.delete")}
        danger
        busy={del.isPending}
        onClose={() => setConfirm(false)}
        onConfirm={() =>
          del.mutate(undefined, {
            onSuccess: () => {
              toast.show(t("documents.deleted"));
              navigate("/documents");
            },
          })
        }
      />
    </>
  );
}

export function DocumentDetailPage() {
  const { id = "" } = useParams();
  const doc = useDocument(id);
  return <QueryState query={doc}>{(d) => <DocumentView d={d} />}</QueryState>;
}
