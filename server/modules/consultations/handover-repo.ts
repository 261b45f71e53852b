import type { HandoverItem } from "../../../shared/api/handover.js";
import type { Ctx } from "../../platform/context.js";
import { noDue } from "./repo.js";

const open = ["new", "in_progress", "waiting"] as const;
const dueOf = (d: string) => (d === noDue ? null : d);

/** Open consultations people filed or asked (their town's) and those they handle at the desk (人事異動). */
export async function openConsultationsOf(ctx: Ctx, userIds: string[]): Promise<(HandoverItem & { userId: string })[]> {
  if (!userIds.length) return [];
  const rows = await ctx.db
    .selectFrom("consultations")
    .select(["id", "subject", "org_id", "next_due", "created_by", "asker_user_id", "assignee_id"])
    .where("status", "in", open)
    .where((eb) => eb.or([eb("created_by", "in", userIds), eb("asker_user_id", "in", userIds), eb("assignee_id", "in", userIds)]))
    .orderBy("next_due")
    .execute();
  const ids = new Set(userIds);
  return rows.flatMap((r) => {
    const out: (HandoverItem & { userId: string })[] = [];
    const base = { refId: r.id, title: r.subject, due: dueOf(r.next_due), orgId: r.org_id };
    const filer = ids.has(r.created_by) ? r.created_by : r.asker_user_id && ids.has(r.asker_user_id) ? r.asker_user_id : null;
    if (filer) out.push({ ...base, kind: "consultation_filed", userId: filer });
    if (r.assignee_id && ids.has(r.assignee_id)) out.push({ ...base, kind: "consultation_assigned", userId: r.assignee_id });
    return out;
  });
}

/** Moves the open consultations a person filed, asked or handles to their successor. */
export async function reassignOpenConsultations(ctx: Ctx, from: string, to: string, at: string): Promise<void> {
  for (const col of ["created_by", "asker_user_id", "assignee_id"] as const)
    await ctx.db
      .updateTable("consultations")
      .set({ [col]: to, updated_at: at })
      .where(col, "=", from)
      .where("status", "in", open)
      .execute();
}
