import type { z } from "zod";
import type { templateInput } from "../../../shared/api/consultations.js";
import { diff, recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import type { ConsultationTemplatesTable } from "./tables.js";
import "./policy.js";

type Input = z.infer<typeof templateInput>;

const present = (t: ConsultationTemplatesTable) => ({
  id: t.id,
  title: t.title,
  body: t.body,
  category: t.category as Input["category"],
  updatedAt: t.updated_at,
});

/** Reusable reply templates of the desk: prefecture staff only. */
export async function listTemplates(ctx: Ctx) {
  authorize(ctx.actor, "consultation.templates");
  const rows = await ctx.db.selectFrom("consultation_templates").selectAll().orderBy("title").execute();
  return { items: rows.map(present) };
}

async function findTemplate(ctx: Ctx, id: string) {
  const row = await ctx.db.selectFrom("consultation_templates").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("返信テンプレート");
  return row;
}

export async function createTemplate(ctx: Ctx, input: Input) {
  authorize(ctx.actor, "consultation.templates");
  return inTx(ctx, async (tx) => {
    const now = nowIso();
    const row = { id: newId(), ...input, created_by: tx.actor!.userId, created_at: now, updated_at: now };
    await tx.db.insertInto("consultation_templates").values(row).execute();
    await recordAudit(tx, "consultationTemplate.create", { type: "consultationTemplate", id: row.id }, { title: input.title });
    return present(row);
  });
}

export async function updateTemplate(ctx: Ctx, id: string, input: Input) {
  authorize(ctx.actor, "consultation.templates");
  return inTx(ctx, async (tx) => {
    const before = await findTemplate(tx, id);
    await tx.db
      .updateTable("consultation_templates")
      .set({ ...input, updated_at: nowIso() })
      .where("id", "=", id)
      .execute();
    await recordAudit(tx, "consultationTemplate.update", { type: "consultationTemplate", id }, diff(before, input));
    return present(await findTemplate(tx, id));
  });
}

export async function deleteTemplate(ctx: Ctx, id: string) {
  authorize(ctx.actor, "consultation.templates");
  await inTx(ctx, async (tx) => {
    const before = await findTemplate(tx, id);
    await tx.db.deleteFrom("consultation_templates").where("id", "=", id).execute();
    await recordAudit(tx, "consultationTemplate.delete", { type: "consultationTemplate", id }, { title: before.title });
  });
}
