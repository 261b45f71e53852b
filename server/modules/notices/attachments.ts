import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { invalid, notFound } from "../../platform/errors.js";
import { type Download, storedDownload } from "../../platform/files/download.js";
import { findFile, readFileBytes } from "../../platform/files/store.js";
import { documentKinds } from "../../platform/files/types.js";
import type { Upload } from "../../platform/files/upload.js";
import { enqueue } from "../../platform/jobs/queue.js";
import { defineJob } from "../../platform/jobs/worker.js";
import { authorize } from "../../platform/policy/authorize.js";
import { extractText } from "../documents/index.js";
import { visibleNotice } from "./access.js";
import { deleteAttachment, findAttachment, findAttachmentRow, insertAttachment, setAttachmentText } from "./repo.js";
import { indexNotice } from "./search-hook.js";
import { getNotice } from "./service.js";

/** Attaches files (the ministry's PDF …). Type and size are checked; a refused file leaves nothing behind. */
export async function uploadAttachments(ctx: Ctx, id: string, upload: Upload) {
  return inTx(ctx, async (tx) => {
    const { subject } = await visibleNotice(tx, id);
    authorize(tx.actor, "notice.edit", subject);
    const { files } = await upload.store(tx, { kinds: documentKinds });
    if (files.length === 0) throw invalid("ファイルを選んでください。", [{ path: "file", message: "ファイルを選んでください" }]);
    for (const f of files) {
      const attachmentId = newId();
      await insertAttachment(tx, { id: attachmentId, notice_id: id, file_id: f.id, text: null, created_at: nowIso() });
      await enqueue(tx, "notices.extractText", { attachmentId });
    }
    await recordAudit(tx, "notice.attach", { type: "notice", id }, { files: files.map((f) => ({ id: f.id, name: f.name })) });
    await indexNotice(tx, id);
    return getNotice(tx, id);
  });
}

export async function removeAttachment(ctx: Ctx, id: string, attachmentId: string) {
  return inTx(ctx, async (tx) => {
    const { subject } = await visibleNotice(tx, id);
    authorize(tx.actor, "notice.edit", subject);
    const att = await findAttachment(tx, id, attachmentId);
    if (!att) throw notFound("添付ファイル");
    await deleteAttachment(tx, attachmentId);
    await recordAudit(tx, "notice.detach", { type: "notice", id }, { fileId: att.id, name: att.name });
    await indexNotice(tx, id);
    return getNotice(tx, id);
  });
}

/** An attachment for whoever may read the notice; PDFs and images inline for the preview. */
export async function attachmentFile(ctx: Ctx, id: string, attachmentId: string, inline: boolean): Promise<Download> {
  await visibleNotice(ctx, id);
  const att = await findAttachment(ctx, id, attachmentId);
  if (!att) throw notFound("添付ファイル");
  return storedDownload(ctx, att, { inline });
}

/** Text of an attachment for search, outside the upload's transaction (a large PDF takes a while). */
defineJob("notices.extractText", async (ctx, { attachmentId }: { attachmentId: string }) => {
  const att = await findAttachmentRow(ctx, attachmentId);
  if (!att) return;
  const file = await findFile(ctx, att.file_id);
  if (!file) return;
  let text: string | null = null;
  try {
    text = await extractText(await readFileBytes(ctx, file), file.mime);
  } catch {
    text = null; // a damaged file is still attached; it is just not searchable by content
  }
  await inTx(ctx, async (tx) => {
    await setAttachmentText(tx, attachmentId, text);
    await indexNotice(tx, att.notice_id);
  });
});
