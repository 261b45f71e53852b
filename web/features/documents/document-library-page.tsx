import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { type DocumentItem, documentKindLabels, documentKindsList, folderInput } from "../../../shared/api/documents.js";
import { fiscalYearLabel } from "../../../shared/dates/wareki.js";
import { Button, ButtonLink } from "../../components/button.js";
import { DataTable } from "../../components/data-table.js";
import { useZodForm, ZodForm } from "../../components/form.js";
import { SelectField, TextField } from "../../components/form-field.js";
import { PageHeader } from "../../components/page-header.js";
import { Pager } from "../../components/pager.js";
import { QueryState } from "../../components/query-state.js";
import { useToast } from "../../components/toast.js";
import { formatDate } from "../../lib/dates.js";
import { useI18n } from "../../lib/i18n.js";
import { useBodies } from "../bodies/api.js";
import { type FolderList, useCreateFolder, useDocuments, useFolders, zipUrl } from "./api.js";

const limit = 50;

function FolderForm({ area }: { area: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const form = useZodForm(folderInput, { defaultValues: { area, name: "" } });
  const create = useCreateFolder();
  // The area is the page's (it may have changed since the form was made); only the name is typed.
  const submit = (v: { name: string }) =>
    create.mutate(
      { area, name: v.name },
      {
        onSuccess: () => {
          form.reset({ area, name: "" });
          toast.show(t("documents.folderCreated"));
        },
      },
    );
  return (
    <ZodForm form={form} onValid={submit} error={create.error} className="flex flex-wrap items-end gap-3">
      <TextField label={t("documents.newFolder")} {...form.field("name")} />
      <Button type="submit" variant="secondary" busy={create.isPending}>
        {t("documents.createFolder")}
      </Button>
    </ZodForm>
  );
}

export function DocumentLibraryPage() {
  const { t, label, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const area = params.get("area") ?? "";
  const [folderId, setFolderId] = useState("");
  const [kind, setKind] = useState("");
  const [fiscalYear, setFiscalYear] = useState("");
  const [q, setQ] = useState("");
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<string[]>([]);
  const bodies = useBodies();
  const folders = useFolders(area || "shared");
  const areaFolders: FolderList | undefined = area ? folders.data : undefined;
  const docs = useDocuments({ area, folderId, kind, fiscalYear: /^\d{4}$/.test(fiscalYear) ? fiscalYear : "", q, limit, offset });
  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));
  const uploadArea = area || "shared";
  const canUpload = (area ? areaFolders : folders.data)?.abilities.canUpload;
  return (
    <>
      <PageHeader
        title={t("documents.title")}
        description={t("documents.lead")}
        actions={
          canUpload && (
            <ButtonLink to={`/documents/upload?area=${uploadArea}`} variant="primary">
              {t("documents.upload")}
            </ButtonLink>
          )
        }
      />
      <div className="mb-4 grid grid-cols-1 items-end gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <SelectField
          label={t("documents.area")}
          value={area}
          onChange={(e) => {
            setParams(e.target.value ? { area: e.target.value } : {});
            setFolderId("");
            setOffset(0);
          }}
          options={[
            { value: "", label: t("documents.allAreas") },
            { value: "shared", label: t("documents.shared") },
            ...(bodies.data?.items ?? []).map((b) => ({ value: b.id, label: b.name })),
          ]}
        />
        {areaFolders && areaFolders.items.length > 0 && (
          <SelectField
            label={t("documents.folder")}
            value={folderId}
            onChange={(e) => {
              setFolderId(e.target.value);
              setOffset(0);
            }}
            options={[
              { value: "", label: t("documents.allFolders") },
              ...areaFolders.items.map((f) => ({ value: f.id, label: `${f.name}（${f.documentCount}）` })),
            ]}
          />
        )}
        <SelectField
          label={t("documents.kind")}
          value={kind}
          onChange={(e) => {
            setKind(e.target.value);
            setOffset(0);
          }}
          options={[
            { value: "", label: t("form.all") },
            ...documentKindsList.map((k) => ({ value: k, label: label(documentKindLabels, k) })),
          ]}
        />
        <TextField
          label={t("documents.fiscalYear")}
          inputMode="numeric"
          value={fiscalYear}
          onChange={(e) => {
            setFiscalYear(e.target.value);
            setOffset(0);
          }}
        />
        <TextField
          label={t("documents.titleFilter")}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setOffset(0);
          }}
        />
      </div>
      {areaFolders?.abilities.canManageFolders && (
        <div className="mb-4">
          <FolderForm area={area} />
        </div>
      )}
      {selected.length > 0 && (
        <p className="mb-3">
          <a href={zipUrl(selected)} className="link" download>
            {t("documents.zip", { count: selected.length })}
          </a>
        </p>
      )}
      <QueryState query={docs}>
        {(data) => (
          <>
            <DataTable<DocumentItem>
              caption={t("documents.caption")}
              rows={data.items}
              rowKey={(d) => d.id}
              empty={t("documents.empty")}
              columns={[
                {
                  key: "sel",
                  header: <span className="sr-only">ZIP</span>,
                  cell: (d) => (
                    <input
                      type="checkbox"
                      className="size-5 accent-blue-900"
                      aria-label={t("documents.select", { title: d.title })}
                      checked={selected.includes(d.id)}
                      onChange={(e) => toggle(d.id, e.target.checked)}
                    />
                  ),
                },
                {
                  key: "title",
                  header: t("documents.docTitle"),
                  cell: (d) => (
                    <>
                      <Link to={`/documents/${d.id}`} className="link">
                        {d.title}
                      </Link>
                      <span className="block text-dns-14N-130 text-solid-gray-700">
                        {d.area.bodyId ? d.area.name : t("documents.shared")}
                        {d.folder && ` / ${d.folder.name}`}
                      </span>
                    </>
                  ),
                },
                { key: "kind", header: t("documents.kind"), cell: (d) => label(documentKindLabels, d.kind) },
                {
                  key: "fy",
                  header: t("documents.fiscalYear"),
                  cell: (d) => (d.fiscalYear ? fiscalYearLabel(d.fiscalYear) : ""),
                },
                {
                  key: "v",
                  header: t("documents.version"),
                  cell: (d) => t("documents.versionN", { n: d.currentVersion }),
                  numeric: true,
                },
                { key: "org", header: t("documents.org"), cell: (d) => d.org.name },
                { key: "updated", header: t("documents.updated"), cell: (d) => formatDate(d.updatedAt, locale) },
              ]}
            />
            <Pager
              offset={offset}
              limit={limit}
              total={data.total}
              onChange={setOffset}
              filtered={!!(folderId || kind || fiscalYear || q)}
            />
          </>
        )}
      </QueryState>
    </>
  );
}
