import type { z } from "zod";
import type { templateInput } from "../../../shared/api/consultations.js";
import { diff, recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import "./policy.js";
import {
  deleteTemplateRow,
  findTemplateRow,
  insertTemplate,
  listTemplateRows,
  type TemplateRow,
  updateTemplateRow,
} from "./templates-repo.js";

type Input = z.infer<typeof templateInput>;

const present = (t: TemplateRow) => ({
  id: t.id,
  title: t.title,
  body: t.body,
  category: t.category as Input["category"],
  updatedAt: t.updated_at,
});

/** Reusable reply templates of the desk: prefecture staff only. */
export async function listTemplates(ctx: Ctx) {
  authorize(ctx.actor, "consultation.templates");
  const rows = await listTemplateRows(ctx);
  return { items: rows.map(present) };
}

async function findTemplate(ctx: Ctx, id: string) {
  const row = await findTemplateRow(ctx, id);
  if (!row) throw notFound("返信テンプレート");
  return row;
}

export async function createTemplate(ctx: Ctx, input: Input) {
  authorize(ctx.actor, "consultation.templates");
  return inTx(ctx, async (tx) => {
    const now = nowIso();
    const row = { id: newId(), ...input, created_by: tx.actor!.userId, created_at: now, updated_at: now };
    await insertTemplate(tx, row);
    await recordAudit(tx, "consultationTemplate.create", { type: "consultationTemplate", id: row.id }, { title: input.title });
    return present(row);
  });
}

export async function updateTemplate(ctx: Ctx, id: string, input: Input) {
  authorize(ctx.actor, "consultation.templates");
  return inTx(ctx, async (tx) => {
    const before = await findTemplate(tx, id);
    await updateTemplateRow(tx, id, { ...input, updated_at: nowIso() });
    await recordAudit(tx, "consultationTemplate.update", { type: "consultationTemplate", id }, diff(before, input));
    return present(await findTemplate(tx, id));
  });
}

export async function deleteTemplate(ctx: Ctx, id: string) {
  authorize(ctx.actor, "consultation.templates");
  await inTx(ctx, async (tx) => {
    const before = await findTemplate(tx, id);
    await deleteTemplateRow(tx, id);
    await recordAudit(tx, "consultationTemplate.delete", { type: "consultationTemplate", id }, { title: before.title });
  });
}
