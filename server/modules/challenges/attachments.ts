import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { invalid, notFound } from "../../platform/errors.js";
import { type Download, storedDownload } from "../../platform/files/download.js";
import { documentKinds } from "../../platform/files/types.js";
import type { Upload } from "../../platform/files/upload.js";
import { authorize } from "../../platform/policy/authorize.js";
import { visibleChallenge } from "./access.js";
import { deleteChallengeAttachment, findChallengeAttachment, insertChallengeAttachment } from "./repo.js";
import { getChallenge } from "./service.js";

export async function uploadChallengeFiles(ctx: Ctx, id: string, upload: Upload) {
  return inTx(ctx, async (tx) => {
    const { subject } = await visibleChallenge(tx, id);
    authorize(tx.actor, "challenge.edit", subject);
    const { files } = await upload.store(tx, { kinds: documentKinds });
    if (files.length === 0) throw invalid("ファイルを選んでください。", [{ path: "file", message: "ファイルを選んでください" }]);
    for (const f of files)
      await insertChallengeAttachment(tx, { id: newId(), challenge_id: id, file_id: f.id, created_at: nowIso() });
    await recordAudit(
      tx,
      "challenge.attach",
      { type: "challenge", id },
      { files: files.map((f) => ({ id: f.id, name: f.name })) },
    );
    return getChallenge(tx, id);
  });
}

export async function removeChallengeFile(ctx: Ctx, id: string, attachmentId: string) {
  return inTx(ctx, async (tx) => {
    const { subject } = await visibleChallenge(tx, id);
    authorize(tx.actor, "challenge.edit", subject);
    const att = await findChallengeAttachment(tx, id, attachmentId);
    if (!att) throw notFound("添付ファイル");
    await deleteChallengeAttachment(tx, attachmentId);
    await recordAudit(tx, "challenge.detach", { type: "challenge", id }, { attachmentId, name: att.name });
    return getChallenge(tx, id);
  });
}

export async function challengeFile(ctx: Ctx, id: string, attachmentId: string, inline: boolean): Promise<Download> {
  await visibleChallenge(ctx, id);
  const att = await findChallengeAttachment(ctx, id, attachmentId);
  if (!att) throw notFound("添付ファイル");
  return storedDownload(ctx, att, { inline });
}
