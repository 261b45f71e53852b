import type { Ctx } from "../../platform/context.js";
import type { ConsultationTemplatesTable } from "./tables.js";

export type TemplateRow = ConsultationTemplatesTable;

export const listTemplateRows = (ctx: Ctx) => ctx.db.selectFrom("consultation_templates").selectAll().orderBy("title").execute();

export const findTemplateRow = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("consultation_templates").selectAll().where("id", "=", id).executeTakeFirst();

export async function insertTemplate(ctx: Ctx, row: TemplateRow) {
  await ctx.db.insertInto("consultation_templates").values(row).execute();
}

export async function updateTemplateRow(ctx: Ctx, id: string, patch: Partial<TemplateRow>) {
  await ctx.db.updateTable("consultation_templates").set(patch).where("id", "=", id).execute();
}

export async function deleteTemplateRow(ctx: Ctx, id: string) {
  await ctx.db.deleteFrom("consultation_templates").where("id", "=", id).execute();
}
