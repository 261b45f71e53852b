import { type SlaView, slaTargets } from "../../../shared/api/consultations.js";
import { addBusinessDays } from "../../../shared/dates/calendar.js";
import { jstDate } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { type ConsultationRow, noDue, pausesOf, updateConsultation } from "./repo.js";
import { type Pause, slaClock } from "./sla.js";
import type { ConsultationPausesTable } from "./tables.js";

/** Warn the assignee when this many business days or fewer remain. */
export const warnDays = 1;
export { noDue } from "./repo.js";

const day = (iso: string) => jstDate(new Date(iso));
const toPauses = (rows: ConsultationPausesTable[]): Pause[] =>
  rows.map((p) => ({ from: day(p.started_at), to: p.ended_at ? day(p.ended_at) : null }));

type ClockRow = Pick<ConsultationRow, "urgency" | "created_at" | "first_response_at" | "resolved_at" | "closed_at" | "status">;

/** Both service-level clocks of one consultation, as the UI shows them. */
export function clocks(row: ClockRow, pauses: ConsultationPausesTable[], today = jstDate()) {
  const targets = slaTargets[row.urgency];
  const start = day(row.created_at);
  const ps = toPauses(pauses);
  const stopResolution = row.resolved_at ?? row.closed_at;
  const view = (target: number, stoppedAt: string | null): SlaView => {
    const s = slaClock({ start, targetDays: target, pauses: ps, stoppedOn: stoppedAt ? day(stoppedAt) : null, today, warnDays });
    return { target, due: s.due, state: s.state, usedDays: s.usedDays, remainingDays: s.remainingDays };
  };
  // A consultation closed or resolved without any reply needs no first response any more.
  const firstStop = row.first_response_at ?? (row.status === "closed" || row.status === "resolved" ? stopResolution : null);
  return { firstResponse: view(targets.firstResponse, firstStop), resolution: view(targets.resolution, stopResolution) };
}

/** Recomputes the cached due dates the queue sorts and filters on. Call after every change of status or pause. */
export async function refreshClock(ctx: Ctx, row: ClockRow & { id: string }) {
  const pauses = await pausesOf(ctx, [row.id]);
  const c = clocks(row, pauses);
  const running = [c.firstResponse, c.resolution].filter(
    (v) => v.state !== "met" && v.state !== "missed" && v.state !== "paused",
  );
  const next = running.map((v) => v.due).sort()[0] ?? noDue;
  await updateConsultation(ctx, row.id, {
    first_response_due: c.firstResponse.due,
    resolution_due: c.resolution.due,
    next_due: row.status === "waiting" || row.status === "resolved" || row.status === "closed" ? noDue : next,
  });
  return c;
}

/** "Due soon" reaches this far: the last business day the warning covers. */
export const soonUntil = (today = jstDate()) => addBusinessDays(today, warnDays);
