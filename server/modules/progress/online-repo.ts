import { sql } from "kysely";
import type { Ctx } from "../../platform/context.js";
import { latestDayRows } from "./day-rows-repo.js";
import type { StepStatus } from "./tables.js";

/**
 * The current states of the given steps in every municipality's record (the online procedures' channel steps),
 * or in those of `orgIds` only: from the few steps to their items' records (progress_records_item) to each
 * state by its key, never a scan.
 */
export async function readStepStates(ctx: Pick<Ctx, "db">, stepIds: string[], orgIds?: string[]) {
  if (!stepIds.length) return [];
  const query = () =>
    ctx.db
      .selectFrom("progress_steps as st")
      .innerJoin("progress_records as r", "r.item_id", "st.item_id")
      .innerJoin("progress_step_states as s", (j) => j.onRef("s.record_id", "=", "r.id").onRef("s.step_id", "=", "st.id"))
      .select(["r.org_id", "r.item_id", "s.status", "s.option"])
      .where("st.id", "in", stepIds);
  if (!orgIds) return query().execute();
  const out = [];
  for (let i = 0; i < orgIds.length; i += 500)
    out.push(
      ...(await query()
        .where("r.org_id", "in", orgIds.slice(i, i + 500))
        .execute()),
    );
  return out;
}

/** The maintained channel counts of a programme's municipalities (progress_org_state.online), as stored. */
export const readOnlineCounts = (ctx: Ctx, programmeId: string) =>
  ctx.db.selectFrom("progress_org_state").select(["org_id", "online"]).where("programme_id", "=", programmeId).execute();

/**
 * Stores counts computed anew (a definition changed, or rows from before they were kept), in one transaction;
 * a row a record write has meanwhile given counts of this `basis` keeps them (they are newer).
 */
export async function storeOnlineCounts(ctx: Ctx, programmeId: string, basis: string, rows: { orgId: string; online: string }[]) {
  await ctx.db.transaction().execute(async (tx) => {
    for (const r of rows)
      await tx
        .updateTable("progress_org_state")
        .set({ online: r.online })
        .where("programme_id", "=", programmeId)
        .where("org_id", "=", r.orgId)
        .where((eb) => eb.or([eb("online", "is", null), eb("online", "not like", `${basis}:%`)]))
        .execute();
  });
}

/**
 * The same "as of" a cutoff (an ISO instant): per record of the steps' items and per step, its latest row of
 * progress_step_history before the cutoff (one backward seek on progress_step_history_asof), packed as
 * "status|option" so a single scalar subquery answers. Records without one — not tracked yet, or the step
 * never changed from 未着手 — are left out, as a missing step state is read now. Of `orgIds` only when given.
 */
export async function readStepStatesAt(ctx: Ctx, stepIds: string[], cutoff: string, orgIds?: string[]) {
  if (!stepIds.length) return [];
  const query = () =>
    ctx.db
      .selectFrom("progress_steps as st")
      .innerJoin("progress_records as r", "r.item_id", "st.item_id")
      .select([
        "r.org_id",
        "r.item_id",
        sql<string | null>`(SELECT h.status || '|' || COALESCE(h.option, '') FROM progress_step_history h
        WHERE h.record_id = r.id AND h.step_id = st.id AND h.at < ${cutoff} ORDER BY h.at DESC LIMIT 1)`.as("s"),
      ])
      .where("st.id", "in", stepIds);
  const rows = [];
  if (!orgIds) rows.push(...(await query().execute()));
  else
    for (let i = 0; i < orgIds.length; i += 500)
      rows.push(
        ...(await query()
          .where("r.org_id", "in", orgIds.slice(i, i + 500))
          .execute()),
      );
  return rows.flatMap((r) => {
    if (r.s == null) return [];
    const bar = r.s.indexOf("|");
    const option = r.s.slice(bar + 1);
    return [{ org_id: r.org_id, item_id: r.item_id, status: r.s.slice(0, bar) as StepStatus, option: option || null }];
  });
}

/**
 * Every change of the given steps in these municipalities' records of a programme, by municipality and
 * time: the online channels' history replayed by rebuildProgressTotals.
 */
export async function readStepHistory(ctx: Pick<Ctx, "db">, programmeId: string, stepIds: string[], orgIds: string[]) {
  if (!stepIds.length || !orgIds.length) return [];
  return ctx.db
    .selectFrom("progress_records as r")
    .innerJoin("progress_step_history as h", "h.record_id", "r.id")
    .select(["r.org_id", "r.item_id", "h.at", "h.status", "h.option"])
    .where("r.programme_id", "=", programmeId)
    .where("r.org_id", "in", orgIds)
    .where("h.step_id", "in", stepIds)
    .orderBy("r.org_id")
    .orderBy("h.at")
    .execute();
}

/**
 * The counts kept at the end of a day for each municipality with a day row of a programme up to it ("" when
 * that row has no counts): its latest one, from the same range of the month index as the totals
 * (latestDayRows, migration 1020). A municipality with none had nothing tracked then.
 */
export async function readOnlineCountsAt(
  ctx: Pick<Ctx, "db" | "engine">,
  programmeId: string,
  day: string,
): Promise<Map<string, string>> {
  const rows = await latestDayRows(ctx, programmeId, day, ["online"]);
  return new Map(rows.map((r) => [r.org_id, r.online ?? ""]));
}

/** Of the given items, those that are national target procedures. */
export async function nationalTargetItemIds(ctx: Pick<Ctx, "db">, itemIds: string[]) {
  if (!itemIds.length) return [];
  const rows = await ctx.db
    .selectFrom("progress_items")
    .select("id")
    .where("id", "in", itemIds)
    .where("national_target", "=", 1)
    .execute();
  return rows.map((r) => r.id);
}
