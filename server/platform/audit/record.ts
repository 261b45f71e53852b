import { type Ctx, newId, nowIso } from "../context.js";

/**
 * Writes one audit row. Call it inside the mutation's transaction (`inTx`) so the row
 * and the change land together or not at all. Events are `<entity>.<verb>`.
 */
export async function recordAudit(
  ctx: Ctx,
  event: `${string}.${string}`,
  subject: { type: string; id: string | null },
  changes?: Record<string, unknown>,
): Promise<void> {
  await ctx.db
    .insertInto("audit_log")
    .values({
      id: newId(),
      at: nowIso(),
      actor_user_id: ctx.actor?.userId ?? null,
      actor_org_id: ctx.actor?.orgId ?? null,
      ip: ctx.ip,
      user_agent: ctx.userAgent,
      event,
      subject_type: subject.type,
      subject_id: subject.id,
      changes: changes ? JSON.stringify(changes) : null,
    })
    .execute();
}

/** The fields of `after` that differ from `before`, as { field: [before, after] }. */
export function diff<T extends object>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  const b = before as Record<string, unknown>;
  for (const [k, v] of Object.entries(after)) {
    if (v !== undefined && b[k] !== v) out[k] = [b[k], v];
  }
  return out;
}
