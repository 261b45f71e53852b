import type { z } from "zod";
import type { MeetingDetail, materialOrder, materialPatch } from "../../../shared/api/meetings.js";
import { diff, recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, nowIso } from "../../platform/context.js";
import { conflict, invalid } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import { visibleMeeting } from "./access.js";
import { checkUpload, loadMaterial } from "./materials.js";
import { loadMaterials, meetingDetail } from "./present.js";
import { listAgendaRows } from "./repo.js";
import { listMaterialRows, updateMaterialRow } from "./repo-files.js";
import { indexMeeting } from "./search-hook.js";

/** Renames a material or moves it to another agenda item (whoever may replace it; the target is checked like an upload). */
export async function updateMaterial(
  ctx: Ctx,
  meetingId: string,
  materialId: string,
  patch: z.infer<typeof materialPatch>,
): Promise<MeetingDetail> {
  return inTx(ctx, async (tx) => {
    const { loaded, row } = await loadMaterial(tx, meetingId, materialId);
    const view = (await loadMaterials(tx, loaded, await listAgendaRows(tx, meetingId))).find((m) => m.id === materialId);
    if (!view?.abilities.canReplace) {
      authorize(tx.actor, "meeting.manage", loaded.subject);
      throw conflict("この資料は変更できません。");
    }
    const next: { title?: string; agenda_item_id?: string | null } = {};
    if (patch.title !== undefined) next.title = patch.title;
    if (patch.agendaItemId !== undefined) {
      await checkUpload(tx, loaded, patch.agendaItemId);
      next.agenda_item_id = patch.agendaItemId;
    }
    await updateMaterialRow(tx, materialId, { ...next, updated_at: nowIso() });
    await recordAudit(tx, "material.update", { type: "material", id: materialId }, { meetingId, ...diff(row, next) });
    await indexMeeting(tx, loaded);
    return meetingDetail(tx, loaded);
  });
}

/** Orders the meeting's materials: the listed ones first, in the given order, then the rest as they were. */
export async function orderMaterials(ctx: Ctx, meetingId: string, input: z.infer<typeof materialOrder>): Promise<MeetingDetail> {
  return inTx(ctx, async (tx) => {
    const loaded = await visibleMeeting(tx, meetingId);
    authorize(tx.actor, "meeting.manage", loaded.subject);
    if (loaded.row.status === "cancelled") throw conflict("中止になった会議の資料は並べ替えられません。");
    const rows = await listMaterialRows(tx, meetingId);
    const known = new Set(rows.map((r) => r.id));
    if (new Set(input.materialIds).size !== input.materialIds.length || input.materialIds.some((id) => !known.has(id)))
      throw invalid("並べ替える資料の指定が正しくありません。画面を再読み込みしてください。", [
        { path: "materialIds", message: "この会議の資料を重複なく指定してください" },
      ]);
    const order = [...input.materialIds, ...rows.map((r) => r.id).filter((id) => !input.materialIds.includes(id))];
    for (const [i, id] of order.entries()) await updateMaterialRow(tx, id, { position: i + 1 });
    await recordAudit(tx, "material.order", { type: "meeting", id: meetingId }, { order });
    return meetingDetail(tx, loaded);
  });
}
