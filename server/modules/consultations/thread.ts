import type { z } from "zod";
import { messageInput } from "../../../shared/api/consultations.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, isPrefectureStaff, newId, nowIso } from "../../platform/context.js";
import { conflict, notFound } from "../../platform/errors.js";
import type { StoredFile } from "../../platform/files/store.js";
import { documentKinds } from "../../platform/files/types.js";
import { parseFields, type Upload } from "../../platform/files/upload.js";
import { authorize } from "../../platform/policy/authorize.js";
import { notify } from "../notifications/service.js";
import { refreshClock } from "./clock.js";
import { indexConsultation } from "./indexing.js";
import {
  attachmentsOf,
  type ConsultationWithNames,
  findAttachment,
  insertAttachment,
  insertMessage,
  messagesOf,
  updateConsultation,
} from "./repo.js";
import { deskUserIds, getConsultation, visibleConsultation } from "./service.js";
import { endPause, startPause } from "./status.js";

export async function addAttachments(ctx: Ctx, consultationId: string, messageId: string | null, files: StoredFile[]) {
  for (const f of files) {
    await insertAttachment(ctx, {
      id: newId(),
      consultation_id: consultationId,
      message_id: messageId,
      file_id: f.id,
      created_at: nowIso(),
    });
  }
}

/** The thread as the actor may see it: internal notes and their files only for prefecture staff. */
export async function presentThread(ctx: Ctx, id: string, staff: boolean) {
  const [messages, files] = await Promise.all([messagesOf(ctx, id, staff), attachmentsOf(ctx, id)]);
  const visible = files.filter((f) => staff || f.message_kind !== "note");
  const view = (f: (typeof files)[number]) => ({
    id: f.id,
    name: f.name,
    size: Number(f.size),
    mime: f.mime,
    messageId: f.message_id,
  });
  return {
    attachments: visible.filter((f) => !f.message_id).map(view),
    messages: messages.map((m) => ({
      id: m.id,
      kind: m.kind,
      body: m.body,
      author: m.author_id
        ? {
            id: m.author_id,
            name: m.author_name ?? "",
            orgName: m.author_org ?? "",
            staff: ["admin", "secretariat", "specialist"].includes(m.author_role ?? ""),
          }
        : null,
      attachments: visible.filter((f) => f.message_id === m.id).map(view),
      createdAt: m.created_at,
    })),
  };
}

/** A file of the consultation, if the actor may see it (notes' files are staff only); otherwise 404. */
export async function attachmentFor(ctx: Ctx, consultationId: string, attachmentId: string) {
  await visibleConsultation(ctx, consultationId);
  const file = await findAttachment(ctx, consultationId, attachmentId);
  if (!file || (file.message_kind === "note" && !isPrefectureStaff(ctx.actor))) throw notFound("添付ファイル");
  return file;
}

/** Who hears of a message: the municipality hears staff replies; staff hear the municipality and each other's notes. */
async function tellAbout(ctx: Ctx, row: ConsultationWithNames, kind: "reply" | "note", staffAuthor: boolean) {
  const link = `/consultations/${row.id}`;
  const actorId = ctx.actor!.userId;
  if (kind === "reply" && staffAuthor) {
    await notify(ctx, {
      orgIds: [row.org_id],
      category: "consultation",
      title: `相談に回答がありました：${row.subject}`,
      body: "県の担当者から回答がありました。内容を確認してください。",
      link,
      mail: { template: "desk.reply", vars: { 件名: row.subject } },
      thread: `consultation:${row.id}`,
    });
    return;
  }
  const staffIds = row.assignee_id ? [row.assignee_id] : await deskUserIds(ctx);
  const userIds = staffIds.filter((u) => u !== actorId);
  if (!userIds.length) return;
  await notify(ctx, {
    userIds,
    category: "consultation",
    title: kind === "note" ? `内部メモが追加されました：${row.subject}` : `相談に返信がありました：${row.subject}`,
    body: kind === "note" ? "担当の相談に県職員向けのメモが追加されました。" : `${row.org_name}から返信がありました。`,
    link,
    thread: `consultation:${row.id}`,
  });
}

/**
 * Adds a reply or an internal note. A staff reply is the first response when none was given yet;
 * staff may ask back (→ waiting, the clock pauses) or answer (→ resolved). A municipal reply to a
 * consultation that waits or is resolved reopens it (→ in progress, the clock runs again).
 */
export async function postMessage(ctx: Ctx, id: string, upload: Upload) {
  await inTx(ctx, async (tx) => {
    const row = await visibleConsultation(tx, id);
    const { fields, files } = await upload.store(tx, { kinds: documentKinds });
    const input: z.infer<typeof messageInput> = parseFields(messageInput, fields);
    authorize(tx.actor, input.kind === "note" ? "consultation.note" : "consultation.reply", row);
    if (input.status) authorize(tx.actor, "consultation.changeStatus", row);
    if (row.status === "closed" && input.kind === "reply")
      throw conflict("この相談は完了しているため返信できません。続きがある場合は新しい相談として登録してください。");
    const staff = isPrefectureStaff(tx.actor);
    const now = nowIso();
    const messageId = newId();
    await insertMessage(tx, {
      id: messageId,
      consultation_id: id,
      author_id: tx.actor.userId,
      kind: input.kind,
      body: input.body,
      created_at: now,
    });
    await addAttachments(tx, id, messageId, files);

    const next = { ...row, last_activity_at: now, updated_at: now };
    if (input.kind === "reply" && staff) {
      if (!row.first_response_at) next.first_response_at = now;
      if (row.status === "new") next.status = "in_progress";
      if (!row.assignee_id) next.assignee_id = tx.actor.userId; // who answers first takes it
    }
    if (input.kind === "reply" && !staff && (row.status === "waiting" || row.status === "resolved")) {
      next.status = "in_progress";
      next.resolved_at = null;
      await endPause(tx, next, now);
    }
    if (input.status && input.status !== next.status) {
      if (next.status === "waiting" || next.status === "resolved") await endPause(tx, next, now);
      next.status = input.status;
      if (input.status === "resolved") next.resolved_at = now;
      if (input.status === "waiting" || input.status === "resolved") await startPause(tx, next, input.status, now);
    }
    await updateConsultation(tx, id, {
      status: next.status,
      first_response_at: next.first_response_at,
      resolved_at: next.resolved_at,
      assignee_id: next.assignee_id,
      paused_since: next.paused_since,
      last_activity_at: now,
      updated_at: now,
    });
    await refreshClock(tx, next);
    await recordAudit(
      tx,
      input.kind === "note" ? "consultation.note" : "consultation.reply",
      { type: "consultation", id },
      {
        messageId,
        status: next.status !== row.status ? [row.status, next.status] : undefined,
        files: files.map((f) => f.name),
      },
    );
    await tellAbout(tx, row, input.kind, staff);
    if (input.kind === "reply") await indexConsultation(tx, row);
  });
  return getConsultation(ctx, id);
}
