import type { Ctx } from "../../platform/context.js";
import { contains } from "../../platform/db/contains.js";
import type { Db, Engine } from "../../platform/db/database.js";
import { pageTotal } from "../../platform/db/page-total.js";
import { preparedQuery } from "../../platform/db/prepared.js";
import { cachedRead } from "../../platform/db/versioned-cache.js";
import type { DocumentFoldersTable, DocumentsTable, DocumentVersionsTable } from "./tables.js";

export type DocumentRow = DocumentsTable;
export type VersionRow = DocumentVersionsTable;
export type FolderRow = DocumentFoldersTable;

export const findDocumentRow = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("documents").selectAll().where("id", "=", id).executeTakeFirst();

export interface DocumentFilter {
  /** Areas to include: body ids, and null for the shared area. */
  bodyIds: (string | null)[];
  folderId?: string;
  kind?: DocumentRow["kind"];
  fiscalYear?: number;
  tag?: string;
  q?: string;
  ids?: string[];
}

function filtered(db: Db, engine: Engine, f: DocumentFilter) {
  const bodies = f.bodyIds.filter((b): b is string => !!b);
  const shared = f.bodyIds.includes(null);
  let q = db
    .selectFrom("documents as d")
    .where((eb) => eb.or([eb("d.body_id", "in", [...bodies, ""]), ...(shared ? [eb("d.body_id", "is", null)] : [])]));
  if (f.folderId) q = q.where("d.folder_id", "=", f.folderId);
  if (f.kind) q = q.where("d.kind", "=", f.kind);
  if (f.fiscalYear) q = q.where("d.fiscal_year", "=", f.fiscalYear);
  if (f.tag) q = q.where(contains({ engine }, "d.tags", JSON.stringify(f.tag)));
  if (f.q) q = q.where(contains({ engine }, "d.title", f.q));
  if (f.ids) q = q.where("d.id", "in", f.ids);
  return q;
}

/** Documents with their current version's file, the folder and the uploading organisation, newest first. */
const listPage = preparedQuery(
  (db, f: DocumentFilter & { limit: number; offset: number }, engine) =>
    filtered(db, engine, f)
      .innerJoin("document_versions as v", (j) =>
        j.onRef("v.document_id", "=", "d.id").onRef("v.version", "=", "d.current_version"),
      )
      .innerJoin("files as fl", "fl.id", "v.file_id")
      .innerJoin("orgs as o", "o.id", "d.org_id")
      .leftJoin("document_folders as df", "df.id", "d.folder_id")
      .selectAll("d")
      .select([
        "fl.name as file_name",
        "fl.mime",
        "fl.size",
        "fl.sha256",
        "fl.id as file_id",
        "o.name as org_name",
        "df.name as folder_name",
      ])
      .orderBy("d.updated_at", "desc")
      .orderBy("d.id")
      .limit(f.limit)
      .offset(f.offset),
  { bound: ["offset"] },
);

/** What a page of documents reads. */
const listTables = ["documents", "document_versions", "files", "orgs", "document_folders"];

/** A page of documents; kept while what it reads is unchanged. */
export async function listDocumentRows(ctx: Ctx, f: DocumentFilter, page: { limit: number; offset: number }) {
  return cachedRead(ctx, listTables, JSON.stringify([f, page]), async () => {
    const rows = await listPage(ctx.db, ctx.engine, { ...f, limit: page.limit, offset: page.offset });
    const total = await pageTotal(rows, page, () => filtered(ctx.db, ctx.engine, f));
    return { rows, total };
  });
}
export type DocumentListRow = Awaited<ReturnType<typeof listDocumentRows>>["rows"][number];

export const listVersionRows = (ctx: Ctx, documentId: string) =>
  ctx.db
    .selectFrom("document_versions as v")
    .innerJoin("files as fl", "fl.id", "v.file_id")
    .innerJoin("users as u", "u.id", "v.created_by")
    .selectAll("v")
    .select(["fl.name as file_name", "fl.mime", "fl.size", "fl.sha256", "u.name as created_by_name"])
    .where("v.document_id", "=", documentId)
    .orderBy("v.version", "desc")
    .execute();

export async function insertDocument(ctx: Ctx, row: DocumentRow) {
  await ctx.db.insertInto("documents").values(row).execute();
}
export async function updateDocumentRow(ctx: Ctx, id: string, patch: Partial<DocumentRow>) {
  await ctx.db.updateTable("documents").set(patch).where("id", "=", id).execute();
}
export async function deleteDocumentRow(ctx: Ctx, id: string) {
  await ctx.db.deleteFrom("document_versions").where("document_id", "=", id).execute();
  await ctx.db.deleteFrom("documents").where("id", "=", id).execute();
}
export async function insertVersion(ctx: Ctx, row: VersionRow) {
  await ctx.db.insertInto("document_versions").values(row).execute();
}

/** The file of one version of a document. */
export const findVersionFileId = (ctx: Ctx, documentId: string, version: number) =>
  ctx.db
    .selectFrom("document_versions")
    .select("file_id")
    .where("document_id", "=", documentId)
    .where("version", "=", version)
    .executeTakeFirst();

/** A version row by its own id (the text-extraction job). */
export const findVersionRow = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("document_versions").selectAll().where("id", "=", id).executeTakeFirst();

export async function setVersionText(ctx: Ctx, id: string, text: string | null, status: VersionRow["text_status"]) {
  await ctx.db.updateTable("document_versions").set({ text, text_status: status }).where("id", "=", id).execute();
}

/** What search reads of one version: its text, note, date and file name. */
export const versionForIndex = (ctx: Ctx, documentId: string, version: number) =>
  ctx.db
    .selectFrom("document_versions as v")
    .innerJoin("files as f", "f.id", "v.file_id")
    .select(["v.text", "v.note", "v.created_at", "f.name"])
    .where("v.document_id", "=", documentId)
    .where("v.version", "=", version)
    .executeTakeFirst();

export const findFolderRow = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("document_folders").selectAll().where("id", "=", id).executeTakeFirst();
export const listFolderRows = (ctx: Ctx, bodyId: string | null) =>
  ctx.db
    .selectFrom("document_folders as f")
    .selectAll("f")
    .select((eb) =>
      eb
        .selectFrom("documents as d")
        .select(eb.fn.countAll<number>().as("c"))
        .whereRef("d.folder_id", "=", "f.id")
        .as("document_count"),
    )
    .where((eb) => (bodyId ? eb("f.body_id", "=", bodyId) : eb("f.body_id", "is", null)))
    .orderBy("f.name")
    .execute();
export async function insertFolder(ctx: Ctx, row: FolderRow) {
  await ctx.db.insertInto("document_folders").values(row).execute();
}
export async function updateFolderRow(ctx: Ctx, id: string, patch: Partial<FolderRow>) {
  await ctx.db.updateTable("document_folders").set(patch).where("id", "=", id).execute();
}
export async function deleteFolderRow(ctx: Ctx, id: string) {
  await ctx.db.deleteFrom("document_folders").where("id", "=", id).execute();
}
