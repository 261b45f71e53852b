import { createHash } from "node:crypto";
import { jstDate } from "../../../shared/dates/jst.js";
import {
  channelOf,
  type OnlineChannel,
  type OnlineCompletion,
  offersMynaportal,
  onlineCompletion,
} from "../../../shared/progress/online.js";
import type { Ctx } from "../../platform/context.js";
import {
  nationalTargetItemIds,
  readOnlineCounts,
  readOnlineCountsAt,
  readStepHistory,
  readStepStates,
  readStepStatesAt,
  storeOnlineCounts,
} from "./online-repo.js";
import { listItemRows, listStepRows, recordKey, type StepRow } from "./repo.js";
import { asOfCutoff } from "./rules.js";

/** A municipality's procedures by channel: マイナポータル, another system, 対象外; the rest are not online. */
type Counts = [mynaportal: number, other: number, excluded: number];

/** The online procedures' steps among these items: the national targets' steps offering マイナポータル. */
async function procedureSteps(ctx: Pick<Ctx, "db">, itemIds: string[]): Promise<StepRow[]> {
  const targets = await nationalTargetItemIds(ctx, itemIds);
  return (await listStepRows(ctx, targets)).filter((s) => offersMynaportal(s.options ? JSON.parse(s.options) : null));
}

/** Names the steps counts were taken over: a definition change (a target, an option, an item archived) changes it. */
const basisOf = (steps: StepRow[]) =>
  createHash("sha256")
    .update(steps.map((s) => `${s.item_id}:${s.id}`).join(","))
    .digest("hex")
    .slice(0, 16);

const counted = (basis: string, c: Counts) => `${basis}:${c.join(":")}`;
function parseCounted(text: string | null, basis: string): Counts | null {
  const parts = text?.split(":");
  return parts?.length === 4 && parts[0] === basis ? [Number(parts[1]), Number(parts[2]), Number(parts[3])] : null;
}

function tally(c: Counts, channel: OnlineChannel | null) {
  if (channel === "mynaportal") c[0]++;
  else if (channel === "other") c[1]++;
  else if (channel === null) c[2]++;
  return c;
}

/** Counts per municipality from step states: one channel per procedure (a record without one has it not online). */
function countStates(rows: { org_id: string; item_id: string; status: string; option: string | null }[]) {
  const channels = new Map<string, { orgId: string; channel: OnlineChannel | null }>();
  for (const r of rows) channels.set(recordKey(r.org_id, r.item_id), { orgId: r.org_id, channel: channelOf(r) });
  const out = new Map<string, Counts>();
  for (const { orgId, channel } of channels.values()) out.set(orgId, tally(out.get(orgId) ?? [0, 0, 0], channel));
  return out;
}

/**
 * The counts kept for these municipalities of a programme, for its current definitions — the text written on
 * each record write (totals-repo.ts refreshTotals and rebuildProgressTotals) — or null when it has no online
 * procedure.
 */
export async function onlineCountsText(
  ctx: Pick<Ctx, "db">,
  programmeId: string,
  orgIds: string[],
): Promise<Map<string, string> | null> {
  const steps = await procedureSteps(
    ctx,
    (await listItemRows(ctx, [programmeId])).map((i) => i.id),
  );
  if (!steps.length) return null;
  const basis = basisOf(steps);
  const counts = countStates(
    await readStepStates(
      ctx,
      steps.map((s) => s.id),
      orgIds,
    ),
  );
  return new Map(orgIds.map((id) => [id, counted(basis, counts.get(id) ?? [0, 0, 0])]));
}

/**
 * The counts of these municipalities at the end of each day their channels changed, replayed from the step
 * history (rebuildProgressTotals: back-dated writes); `none` is the text of a municipality before any change.
 */
export async function onlineCountsByDay(ctx: Pick<Ctx, "db">, programmeId: string, orgIds: string[]) {
  const steps = await procedureSteps(
    ctx,
    (await listItemRows(ctx, [programmeId])).map((i) => i.id),
  );
  if (!steps.length) return null;
  const basis = basisOf(steps);
  const rows = await readStepHistory(
    ctx,
    programmeId,
    steps.map((s) => s.id),
    orgIds,
  );
  const byOrg = new Map<string, [day: string, text: string][]>();
  let org = "";
  let day = "";
  let channels = new Map<string, OnlineChannel | null>();
  const flush = () => {
    if (!day) return;
    const c = [...channels.values()].reduce<Counts>(tally, [0, 0, 0]);
    byOrg.set(org, [...(byOrg.get(org) ?? []), [day, counted(basis, c)]]);
  };
  for (const h of rows) {
    const d = jstDate(h.at);
    if (h.org_id !== org || d !== day) {
      flush();
      if (h.org_id !== org) channels = new Map();
      org = h.org_id;
      day = d;
    }
    channels.set(h.item_id, channelOf(h));
  }
  flush();
  return { none: counted(basis, [0, 0, 0]), byOrg };
}

/**
 * The counts kept at the end of a past day (each municipality's latest day row up to it); those kept for
 * other definitions, or before they were kept, are counted from the step history. Nothing is stored.
 */
async function keptCountsAt(ctx: Ctx, programmeId: string, steps: StepRow[], orgIds: string[], asOf: string) {
  const basis = basisOf(steps);
  const stored = await readOnlineCountsAt(ctx, programmeId, asOf);
  const out = new Map<string, Counts>();
  const stale: string[] = [];
  for (const id of orgIds) {
    const text = stored.get(id);
    const c: Counts | null = text === undefined ? [0, 0, 0] : parseCounted(text, basis); // undefined: nothing tracked then
    if (c) out.set(id, c);
    else stale.push(id);
  }
  if (!stale.length) return out;
  const fresh = countStates(
    await readStepStatesAt(
      ctx,
      steps.map((s) => s.id),
      asOfCutoff(asOf),
      stale,
    ),
  );
  for (const id of stale) out.set(id, fresh.get(id) ?? [0, 0, 0]);
  return out;
}

/**
 * The kept counts of a programme's municipalities; those kept for other definitions (or not yet) are counted
 * from the step states and stored, outside a transaction, so the next computation reads them.
 */
async function keptCounts(ctx: Ctx, programmeId: string, steps: StepRow[], orgIds: string[]) {
  const basis = basisOf(steps);
  const stored = new Map((await readOnlineCounts(ctx, programmeId)).map((r) => [r.org_id, r.online]));
  const out = new Map<string, Counts>();
  const stale: string[] = [];
  for (const id of orgIds) {
    const c = parseCounted(stored.get(id) ?? null, basis);
    if (c) out.set(id, c);
    else stale.push(id);
  }
  if (!stale.length) return out;
  const fresh = countStates(
    await readStepStates(
      ctx,
      steps.map((s) => s.id),
      stale,
    ),
  );
  for (const id of stale) out.set(id, fresh.get(id) ?? [0, 0, 0]);
  if (!ctx.db.isTransaction)
    await storeOnlineCounts(
      ctx,
      programmeId,
      basis,
      stale.filter((id) => stored.has(id)).map((orgId) => ({ orgId, online: counted(basis, out.get(orgId)!) })),
    );
  return out;
}

/**
 * A programme's online-procedure figures (shared/progress/online.ts) for the municipalities compared: null
 * when none of its items is an online procedure (no step offers マイナポータル). The target procedures are
 * the items flagged as national targets (progress_items.national_target); a municipality without a record
 * for one has it not online. With `programmeId` (and `itemIds` its items): from each municipality's counts kept
 * on every write, now or at the end of a past day; without, counted from the step states, or "as of" a day
 * by the same rule over each step's status and option at that moment (progress_step_history) — with today's
 * definitions, as the other as-of figures.
 */
export async function onlineFigures(
  ctx: Ctx,
  itemIds: string[],
  orgIds: string[],
  asOf: string | null = null,
  programmeId?: string,
): Promise<OnlineCompletion | null> {
  const steps = await procedureSteps(ctx, itemIds);
  if (!steps.length) return null;
  const procedures = new Set(steps.map((s) => s.item_id)).size;
  const stepIds = steps.map((s) => s.id);
  const counts = programmeId
    ? asOf
      ? await keptCountsAt(ctx, programmeId, steps, orgIds, asOf)
      : await keptCounts(ctx, programmeId, steps, orgIds)
    : countStates(await (asOf ? readStepStatesAt(ctx, stepIds, asOfCutoff(asOf)) : readStepStates(ctx, stepIds)));
  return onlineCompletion(
    orgIds.map((id) => {
      const [m, o, x] = counts.get(id) ?? [0, 0, 0];
      const channels: (OnlineChannel | null)[] = Array(procedures).fill("none");
      channels
        .fill("mynaportal", 0, m)
        .fill("other", m, m + o)
        .fill(null, m + o, m + o + x);
      return channels;
    }),
  );
}
