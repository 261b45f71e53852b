import { materialFileMessage, materialUpload } from "../../../shared/api/meetings.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { AppError, conflict, forbidden, invalid, notFound } from "../../platform/errors.js";
import { type Download, storedDownload } from "../../platform/files/download.js";
import { findFile } from "../../platform/files/store.js";
import { documentKinds } from "../../platform/files/types.js";
import { parseFields, type Upload } from "../../platform/files/upload.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { type LoadedMeeting, visibleMeeting } from "./access.js";
import { loadMaterials, materialVisible, meetingDetail, presentAgendaItem } from "./present.js";
import { findAgendaRow, listAgendaRows } from "./repo.js";
import {
  findMaterialRow,
  insertMaterial,
  insertVersion,
  listVersionRows,
  nextMaterialPosition,
  updateMaterialRow,
} from "./repo-files.js";
import { indexMeeting } from "./search-hook.js";

/** Meeting materials accept PDF, Office documents, images and text, up to the server's upload limit. */
const rules = { kinds: documentKinds };

/** May the actor attach files to this item (or, with no item, to the meeting)? */
export async function checkUpload(ctx: Ctx, loaded: LoadedMeeting, agendaItemId: string | null) {
  if (loaded.row.status === "cancelled") throw conflict("中止になった会議には資料を追加できません。");
  if (!agendaItemId) {
    authorize(ctx.actor, "meeting.manage", loaded.subject);
    return;
  }
  const item = await findAgendaRow(ctx, agendaItemId);
  if (!item || item.meeting_id !== loaded.row.id)
    throw invalid("議題が見つかりません。", [{ path: "agendaItemId", message: "この会議の議題を選んでください" }]);
  if (!presentAgendaItem(ctx.actor, loaded.row, item, loaded.subject, null).abilities.canUpload) {
    authorize(ctx.actor, "agenda.propose", loaded.subject);
    throw forbidden("この議題に資料を添付できるのは、提案した団体と事務局です。");
  }
}

/** Upload one or more files as new materials (multipart: file(s), title, agendaItemId). One transaction for all. */
export async function uploadMaterials(ctx: Ctx, meetingId: string, upload: Upload) {
  return inTx(ctx, async (tx) => {
    const loaded = await visibleMeeting(tx, meetingId);
    // Refuse early whoever may never upload here, before reading the body.
    if (!can(tx.actor, "meeting.manage", loaded.subject)) authorize(tx.actor, "agenda.propose", loaded.subject);
    const { fields, files } = await upload.store(tx, rules);
    const { agendaItemId, title } = parseFields(materialUpload, fields);
    await checkUpload(tx, loaded, agendaItemId);
    if (!files.length) throw invalid(`${materialFileMessage}。`, [{ path: "file", message: materialFileMessage }]);
    const base = Date.now();
    const position = await nextMaterialPosition(tx, meetingId);
    for (const [i, file] of files.entries()) {
      const id = newId();
      // One millisecond apart, so files sent together keep the order they were sent in (資料2-1, 資料2-2).
      const now = new Date(base + i).toISOString();
      await insertMaterial(tx, {
        id,
        meeting_id: meetingId,
        agenda_item_id: agendaItemId,
        title: (files.length === 1 && title) || file.name.replace(/\.[^.]+$/, ""),
        current_version: 1,
        position: position + i,
        created_by: tx.actor!.userId,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      });
      await insertVersion(tx, {
        id: newId(),
        material_id: id,
        version: 1,
        file_id: file.id,
        uploaded_by: tx.actor!.userId,
        created_at: now,
      });
      await recordAudit(
        tx,
        "material.upload",
        { type: "material", id },
        { meetingId, agendaItemId, file: file.name, size: file.size },
      );
    }
    await indexMeeting(tx, loaded);
    return meetingDetail(tx, loaded);
  });
}

export async function loadMaterial(ctx: Ctx, meetingId: string, materialId: string) {
  const loaded = await visibleMeeting(ctx, meetingId);
  const row = await findMaterialRow(ctx, meetingId, materialId);
  const item = row?.agenda_item_id ? await findAgendaRow(ctx, row.agenda_item_id) : undefined;
  // 委員限り: a non-member gets the same 404 as for a material that does not exist.
  if (!row || !materialVisible(ctx.actor, loaded.row, loaded.subject, item, row)) throw notFound("資料");
  return { loaded, row };
}

/** Replaces a material's file: a new version; the earlier ones stay downloadable. */
export async function replaceMaterial(ctx: Ctx, meetingId: string, materialId: string, upload: Upload) {
  return inTx(ctx, async (tx) => {
    const { loaded, row } = await loadMaterial(tx, meetingId, materialId);
    const view = (await loadMaterials(tx, loaded, await listAgendaRows(tx, meetingId))).find((m) => m.id === materialId);
    if (!view?.abilities.canReplace) {
      authorize(tx.actor, "meeting.manage", loaded.subject);
      throw conflict("この資料は差し替えできません。");
    }
    const { files } = await upload.store(tx, rules);
    if (files.length !== 1)
      throw invalid("差し替えるファイルを1つ選んでください。", [{ path: "file", message: "ファイルを1つ選んでください" }]);
    const version = row.current_version + 1;
    const now = nowIso();
    await insertVersion(tx, {
      id: newId(),
      material_id: materialId,
      version,
      file_id: files[0]!.id,
      uploaded_by: tx.actor!.userId,
      created_at: now,
    });
    await updateMaterialRow(tx, materialId, { current_version: version, updated_at: now });
    await recordAudit(tx, "material.replace", { type: "material", id: materialId }, { meetingId, version, file: files[0]!.name });
    await indexMeeting(tx, loaded);
    return meetingDetail(tx, loaded);
  });
}

export async function deleteMaterial(ctx: Ctx, meetingId: string, materialId: string) {
  return inTx(ctx, async (tx) => {
    const { loaded } = await loadMaterial(tx, meetingId, materialId);
    const view = (await loadMaterials(tx, loaded, await listAgendaRows(tx, meetingId))).find((m) => m.id === materialId);
    if (!view?.abilities.canDelete) {
      authorize(tx.actor, "meeting.manage", loaded.subject);
      throw conflict("この資料は削除できません。");
    }
    await updateMaterialRow(tx, materialId, { deleted_at: nowIso() });
    await recordAudit(tx, "material.delete", { type: "material", id: materialId }, { meetingId, title: view.title });
    await indexMeeting(tx, loaded);
    return meetingDetail(tx, loaded);
  });
}

/** The stored file of a material's current (or given) version, after the access check; the name carries the label. */
export async function materialFile(
  ctx: Ctx,
  meetingId: string,
  materialId: string,
  opts: { version?: number; inline?: boolean },
): Promise<Download> {
  const { loaded, row } = await loadMaterial(ctx, meetingId, materialId);
  const versions = await listVersionRows(ctx, [materialId]);
  const v = versions.find((x) => x.version === (opts.version ?? row.current_version));
  if (!v) throw notFound("資料の版");
  const file = await findFile(ctx, v.file_id);
  if (!file) throw new AppError("NOT_FOUND", "資料のファイルが見つかりません。");
  const view = (await loadMaterials(ctx, loaded, await listAgendaRows(ctx, meetingId))).find((m) => m.id === materialId);
  return storedDownload(ctx, { ...file, name: view ? `${view.label}_${file.name}` : file.name }, opts);
}
