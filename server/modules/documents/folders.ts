import type { z } from "zod";
import type { folderInput, folderPatch } from "../../../shared/api/documents.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { conflict, notFound } from "../../platform/errors.js";
import { abilities, authorize, can } from "../../platform/policy/authorize.js";
import { areaSubject, libraryStanding, visibleArea } from "./access.js";
import { deleteFolderRow, findFolderRow, insertFolder, listFolderRows, updateFolderRow } from "./repo.js";

/** The folders of one area, and whether the actor may upload there and manage its folders. */
export async function listFolders(ctx: Ctx, area: string) {
  authorize(ctx.actor, "document.list");
  const { bodyId, subject } = await visibleArea(ctx, area);
  const rows = await listFolderRows(ctx, bodyId);
  return {
    items: rows.map((f) => ({
      id: f.id,
      bodyId: f.body_id,
      name: f.name,
      documentCount: Number(f.document_count ?? 0),
      abilities: abilities(ctx.actor, subject, { canEdit: "folder.manage" }),
    })),
    abilities: {
      canUpload: can(ctx.actor, "document.upload", subject),
      canManageFolders: can(ctx.actor, "folder.manage", subject),
    },
  };
}

async function visibleFolder(ctx: Ctx, id: string) {
  const row = await findFolderRow(ctx, id);
  const subject = row && areaSubject(row.body_id, await libraryStanding(ctx), ctx);
  if (!row || !subject?.visible) throw notFound("フォルダ");
  return { row, subject };
}

async function checkUnique(ctx: Ctx, bodyId: string | null, name: string, selfId?: string) {
  const rows = await listFolderRows(ctx, bodyId);
  if (rows.some((f) => f.name === name && f.id !== selfId)) throw conflict(`「${name}」というフォルダはすでにあります。`);
}

export async function createFolder(ctx: Ctx, input: z.infer<typeof folderInput>) {
  return inTx(ctx, async (tx) => {
    authorize(tx.actor, "document.list");
    const { bodyId, subject } = await visibleArea(tx, input.area);
    authorize(tx.actor, "folder.manage", subject);
    await checkUnique(tx, bodyId, input.name);
    const now = nowIso();
    const id = newId();
    await insertFolder(tx, {
      id,
      body_id: bodyId,
      name: input.name,
      created_by: tx.actor.userId,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(tx, "folder.create", { type: "document_folder", id }, { bodyId, name: input.name });
    return { id, bodyId, name: input.name, documentCount: 0, abilities: { canEdit: true } };
  });
}

export async function renameFolder(ctx: Ctx, id: string, input: z.infer<typeof folderPatch>) {
  return inTx(ctx, async (tx) => {
    const { row, subject } = await visibleFolder(tx, id);
    authorize(tx.actor, "folder.manage", subject);
    await checkUnique(tx, row.body_id, input.name, id);
    await updateFolderRow(tx, id, { name: input.name, updated_at: nowIso() });
    await recordAudit(tx, "folder.rename", { type: "document_folder", id }, { name: [row.name, input.name] });
    const count = (await listFolderRows(tx, row.body_id)).find((f) => f.id === id)?.document_count ?? 0;
    return { id, bodyId: row.body_id, name: input.name, documentCount: Number(count), abilities: { canEdit: true } };
  });
}

/** Only an empty folder can go, so no document is lost by accident. */
export async function deleteFolder(ctx: Ctx, id: string) {
  return inTx(ctx, async (tx) => {
    const { row, subject } = await visibleFolder(tx, id);
    authorize(tx.actor, "folder.manage", subject);
    const count = (await listFolderRows(tx, row.body_id)).find((f) => f.id === id)?.document_count ?? 0;
    if (Number(count) > 0) throw conflict("フォルダに資料が残っています。資料を移動または削除してから削除してください。");
    await deleteFolderRow(tx, id);
    await recordAudit(tx, "folder.delete", { type: "document_folder", id }, { name: row.name, bodyId: row.body_id });
    return { ok: true as const };
  });
}
