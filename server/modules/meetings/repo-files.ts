import type { Ctx } from "../../platform/context.js";
import type { MaterialVersionsTable, MeetingMaterialsTable } from "./tables.js";

export type MaterialRow = MeetingMaterialsTable;

/** Materials not deleted, each with the file of its current version. */
const materialsWithFile = (ctx: Ctx) =>
  ctx.db
    .selectFrom("meeting_materials as m")
    .innerJoin("material_versions as v", (j) =>
      j.onRef("v.material_id", "=", "m.id").onRef("v.version", "=", "m.current_version"),
    )
    .innerJoin("files as f", "f.id", "v.file_id")
    .selectAll("m")
    .select(["f.id as file_id", "f.name as file_name", "f.size as file_size", "f.mime as file_mime", "f.sha256 as file_sha256"])
    .where("m.deleted_at", "is", null);

/** The meeting's current materials with the file of their current version. */
export const listMaterialRows = (ctx: Ctx, meetingId: string) =>
  materialsWithFile(ctx)
    .where("m.meeting_id", "=", meetingId)
    .orderBy("m.position")
    .orderBy("m.created_at")
    .orderBy("m.id")
    .execute();

export type MaterialWithFile = Awaited<ReturnType<typeof listMaterialRows>>[number];

/** A material with its current file, by id alone (the public site's stable address; the caller checks its meeting). */
export const findMaterialWithFile = (ctx: Ctx, id: string) => materialsWithFile(ctx).where("m.id", "=", id).executeTakeFirst();

/** Every version of the given materials, oldest first. */
export const listVersionRows = (ctx: Ctx, materialIds: string[]) =>
  materialIds.length === 0
    ? Promise.resolve([])
    : ctx.db
        .selectFrom("material_versions as v")
        .innerJoin("files as f", "f.id", "v.file_id")
        .select(["v.material_id", "v.version", "v.created_at", "f.id as file_id", "f.name", "f.size", "f.mime", "f.sha256"])
        .where("v.material_id", "in", materialIds)
        .orderBy("v.material_id")
        .orderBy("v.version")
        .execute();

export const findMaterialRow = (ctx: Ctx, meetingId: string, id: string) =>
  ctx.db
    .selectFrom("meeting_materials")
    .selectAll()
    .where("id", "=", id)
    .where("meeting_id", "=", meetingId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();

/** After the meeting's last material in screen order. */
export async function nextMaterialPosition(ctx: Ctx, meetingId: string) {
  const r = await ctx.db
    .selectFrom("meeting_materials")
    .select((eb) => eb.fn.max("position").as("p"))
    .where("meeting_id", "=", meetingId)
    .executeTakeFirst();
  return Number(r?.p ?? 0) + 1;
}

export async function insertMaterial(ctx: Ctx, row: MaterialRow) {
  await ctx.db.insertInto("meeting_materials").values(row).execute();
}
export async function updateMaterialRow(ctx: Ctx, id: string, patch: Partial<MaterialRow>) {
  await ctx.db.updateTable("meeting_materials").set(patch).where("id", "=", id).execute();
}
export async function insertVersion(ctx: Ctx, row: MaterialVersionsTable) {
  await ctx.db.insertInto("material_versions").values(row).execute();
}
export async function moveItemMaterials(ctx: Ctx, agendaItemId: string, meetingId: string) {
  await ctx.db
    .updateTable("meeting_materials")
    .set({ meeting_id: meetingId })
    .where("agenda_item_id", "=", agendaItemId)
    .execute();
}
