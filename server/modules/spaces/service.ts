import type { BodySpace } from "../../../shared/api/spaces.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { can } from "../../platform/policy/authorize.js";
import { visibleBody } from "../bodies/service.js";
import { listAgendaRows, listMeetingRows, loadMaterials, meetingName, visibleMeeting } from "../meetings/index.js";
import { programmeTotals } from "../progress/index.js";

/** How many of the body's latest meetings lend their materials to the space. */
const MEETINGS_WITH_MATERIALS = 5;

/**
 * A body's space: what its lists (meetings, notices, challenges, documents) do not already give — the
 * materials of its latest meetings, each checked as the meeting page checks it, and the programmes it owns
 * with their progress. A body the actor may not see is a 404, as everywhere.
 */
export async function getBodySpace(ctx: Ctx, bodyId: string): Promise<BodySpace> {
  await visibleBody(ctx, bodyId);
  const latest = (await listMeetingRows(ctx, { bodyIds: [bodyId] }))
    .filter((m) => m.status !== "draft" && m.status !== "cancelled")
    .reverse()
    .slice(0, MEETINGS_WITH_MATERIALS);
  const materials: BodySpace["materials"] = [];
  for (const m of latest) {
    // A meeting 委員限り as a whole is not the outsider's: it is left out, not an error.
    const loaded = await visibleMeeting(ctx, m.id).catch((e) => {
      if (e instanceof AppError && e.code === "NOT_FOUND") return null;
      throw e;
    });
    if (!loaded) continue;
    const name = meetingName(m, m.body_name);
    for (const mat of await loadMaterials(ctx, loaded, await listAgendaRows(ctx, m.id)))
      materials.push({
        meetingId: m.id,
        meetingName: name,
        startsAt: m.starts_at,
        id: mat.id,
        label: mat.label,
        title: mat.title,
        fileName: mat.fileName,
        size: mat.size,
      });
  }
  const programmes = can(ctx.actor, "progress.read") ? await programmeTotals(ctx, (p) => p.body_id === bodyId) : [];
  return {
    bodyId,
    materials,
    programmes: programmes.map((t) => ({
      id: t.programme.id,
      code: t.programme.code,
      name: t.programme.name,
      deadline: t.programme.deadline,
      municipalities: t.municipalities,
      reporting: t.reporting,
      meanPercent: t.meanPercent,
      complete: t.complete,
      completeAnyChannel: t.completeAnyChannel,
      overdueRecords: t.overdueRecords,
    })),
  };
}
