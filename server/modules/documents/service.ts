import type { z } from "zod";
import {
  type DocumentDetail,
  type documentPatch,
  type documentQuery,
  oneFileMessage,
  uploadFields,
  versionFields,
} from "../../../shared/api/documents.js";
import { diff, recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { invalid } from "../../platform/errors.js";
import { documentKinds } from "../../platform/files/types.js";
import { parseFields, type Upload } from "../../platform/files/upload.js";
import { enqueue } from "../../platform/jobs/queue.js";
import { authorize } from "../../platform/policy/authorize.js";
import { libraryStanding, visibleArea, visibleDocument } from "./access.js";
import { presentDocument, previewable } from "./present.js";
import {
  type DocumentRow,
  deleteDocumentRow,
  findFolderRow,
  insertDocument,
  insertVersion,
  listDocumentRows,
  listVersionRows,
  updateDocumentRow,
} from "./repo.js";
import { indexDocument } from "./search-hook.js";

/** Documents in the areas the actor may see (or one area), filtered by folder and metadata. */
export async function listDocuments(ctx: Ctx, q: z.infer<typeof documentQuery>) {
  authorize(ctx.actor, "document.list");
  const standing = await libraryStanding(ctx);
  let bodyIds: (string | null)[] = [null, ...standing.names.keys()];
  if (q.area) bodyIds = q.area === "shared" ? [null] : standing.names.has(q.area) ? [q.area] : [];
  const { rows, total } = await listDocumentRows(ctx, { ...q, bodyIds }, q);
  return { items: rows.map((r) => presentDocument(ctx, r, standing)), total };
}

export async function getDocument(ctx: Ctx, id: string): Promise<DocumentDetail> {
  const { row, standing } = await visibleDocument(ctx, id);
  const [{ rows }, versions] = await Promise.all([
    listDocumentRows(ctx, { bodyIds: [row.body_id], ids: [id] }, { limit: 1, offset: 0 }),
    listVersionRows(ctx, id),
  ]);
  return {
    ...presentDocument(ctx, rows[0]!, standing),
    versions: versions.map((v) => ({
      version: v.version,
      note: v.note,
      file: { name: v.file_name, mime: v.mime, size: v.size, previewable: previewable(v.mime) },
      textStatus: v.text_status,
      createdBy: v.created_by_name,
      createdAt: v.created_at,
    })),
  };
}

async function checkFolder(ctx: Ctx, folderId: string | null | undefined, bodyId: string | null) {
  if (!folderId) return;
  const folder = await findFolderRow(ctx, folderId);
  if (!folder || folder.body_id !== bodyId)
    throw invalid("フォルダが見つかりません。", [{ path: "folderId", message: "同じ保存先のフォルダを選んでください" }]);
}

/** Uploads a new document (version 1). Everything, the stored file included, is rolled back on a refusal. */
export async function uploadDocument(ctx: Ctx, upload: Upload): Promise<DocumentDetail> {
  return inTx(ctx, async (tx) => {
    authorize(tx.actor, "document.list");
    const { fields, files } = await upload.store(tx, { kinds: [...documentKinds, "zip"] });
    const input = parseFields(uploadFields, fields);
    if (files.length !== 1) throw invalid(`${oneFileMessage}。`, [{ path: "file", message: oneFileMessage }]);
    const { bodyId, subject } = await visibleArea(tx, input.area);
    authorize(tx.actor, "document.upload", subject);
    await checkFolder(tx, input.folderId, bodyId);
    const now = nowIso();
    const id = newId();
    await insertDocument(tx, {
      id,
      body_id: bodyId,
      folder_id: input.folderId,
      title: input.title,
      kind: input.kind,
      fiscal_year: input.fiscalYear,
      source: input.source || null,
      tags: JSON.stringify(input.tags),
      current_version: 1,
      created_by: tx.actor.userId,
      org_id: tx.actor.orgId,
      created_at: now,
      updated_at: now,
    });
    await addVersionRow(tx, id, 1, files[0]!.id, input.note);
    await recordAudit(tx, "document.create", { type: "document", id }, { ...input, fileId: files[0]!.id, name: files[0]!.name });
    await indexDocument(tx, id);
    return getDocument(tx, id);
  });
}

async function addVersionRow(ctx: Ctx, documentId: string, version: number, fileId: string, note: string) {
  const versionId = newId();
  await insertVersion(ctx, {
    id: versionId,
    document_id: documentId,
    version,
    file_id: fileId,
    note,
    text: null,
    text_status: "pending",
    created_by: ctx.actor!.userId,
    created_at: nowIso(),
  });
  await enqueue(ctx, "documents.extractText", { versionId });
}

/** A new version of the file; earlier versions stay downloadable. */
export async function uploadVersion(ctx: Ctx, id: string, upload: Upload): Promise<DocumentDetail> {
  return inTx(ctx, async (tx) => {
    const { row, subject } = await visibleDocument(tx, id);
    authorize(tx.actor, "document.edit", subject);
    const { fields, files } = await upload.store(tx, { kinds: [...documentKinds, "zip"] });
    const { note } = parseFields(versionFields, fields);
    if (files.length !== 1) throw invalid(`${oneFileMessage}。`, [{ path: "file", message: oneFileMessage }]);
    const version = row.current_version + 1;
    await addVersionRow(tx, id, version, files[0]!.id, note);
    await updateDocumentRow(tx, id, { current_version: version, updated_at: nowIso() });
    await recordAudit(tx, "document.addVersion", { type: "document", id }, { version, fileId: files[0]!.id, note });
    await indexDocument(tx, id);
    return getDocument(tx, id);
  });
}

export async function updateDocument(ctx: Ctx, id: string, patch: z.infer<typeof documentPatch>): Promise<DocumentDetail> {
  return inTx(ctx, async (tx) => {
    const { row, subject } = await visibleDocument(tx, id);
    authorize(tx.actor, "document.edit", subject);
    if (patch.folderId !== undefined) await checkFolder(tx, patch.folderId, row.body_id);
    const next: Partial<DocumentRow> = {
      title: patch.title,
      kind: patch.kind,
      fiscal_year: patch.fiscalYear,
      source: patch.source === undefined ? undefined : patch.source || null,
      tags: patch.tags ? JSON.stringify(patch.tags) : undefined,
      folder_id: patch.folderId,
    };
    await updateDocumentRow(tx, id, { ...next, updated_at: nowIso() });
    await recordAudit(tx, "document.update", { type: "document", id }, diff(row, next));
    await indexDocument(tx, id);
    return getDocument(tx, id);
  });
}

/** Removes the document and all its versions (the files stay stored for the audit trail). */
export async function deleteDocument(ctx: Ctx, id: string) {
  return inTx(ctx, async (tx) => {
    const { row, subject } = await visibleDocument(tx, id);
    authorize(tx.actor, "document.edit", subject);
    await deleteDocumentRow(tx, id);
    await recordAudit(tx, "document.delete", { type: "document", id }, { title: row.title, bodyId: row.body_id });
    await indexDocument(tx, id);
    return { ok: true as const };
  });
}
