import { recordAudit } from "../../platform/audit/record.js";
import type { Ctx } from "../../platform/context.js";
import { visibleMeeting } from "./access.js";
import { numberByDate } from "./naming.js";
import { updateMeetingRow, yearMeetingRows } from "./repo.js";
import { indexMeeting } from "./search-hook.js";

/**
 * Numbers a body's fiscal year again after a meeting was added, moved or cancelled: drafts follow the dates,
 * a meeting once announced (its 開催通知 sent, later held or published) never changes its number.
 * Returns the ids whose number changed (their search entries and names change with it).
 */
async function renumberYear(ctx: Ctx, bodyId: string, fiscalYear: number): Promise<string[]> {
  const rows = await yearMeetingRows(ctx, bodyId, fiscalYear);
  const seqs = numberByDate(rows.map((r) => ({ id: r.id, seq: r.seq, fixed: r.status !== "draft" })));
  const changed: Record<string, [number, number]> = {};
  for (const r of rows) {
    const seq = seqs.get(r.id)!;
    if (seq === r.seq) continue;
    await updateMeetingRow(ctx, r.id, { seq });
    changed[r.id] = [r.seq, seq];
  }
  const ids = Object.keys(changed);
  if (ids.length) await recordAudit(ctx, "meeting.renumber", { type: "body", id: bodyId }, { fiscalYear, seq: changed });
  return ids;
}

/** Numbers the body's years again; the other meetings whose 第M回 changed get their search entries renamed. */
export async function renumber(ctx: Ctx, bodyId: string, years: number[], exceptId: string) {
  for (const fy of years)
    for (const other of await renumberYear(ctx, bodyId, fy))
      if (other !== exceptId) await indexMeeting(ctx, await visibleMeeting(ctx, other));
}
