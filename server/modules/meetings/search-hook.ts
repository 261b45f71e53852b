import { jstDate } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { indexEntry, removeEntry } from "../search/index-entry.js";
import type { LoadedMeeting } from "./access.js";
import { meetingName } from "./naming.js";
import { listAgendaRows } from "./repo.js";
import { latestPublishedMinutes } from "./repo-follow.js";

/**
 * Keeps the meeting's search entry current: its name, place, the accepted agenda and the published
 * minutes. Scoped to the body, so members-only bodies stay private. Cancelled meetings leave the index.
 */
export async function indexMeeting(ctx: Ctx, loaded: LoadedMeeting): Promise<void> {
  const { row, body } = loaded;
  if (row.status === "cancelled") return removeEntry(ctx, "meeting", row.id);
  const agenda = (await listAgendaRows(ctx, row.id)).filter((a) => a.status === "accepted");
  const minutes = await latestPublishedMinutes(ctx, row.id);
  const text = [
    row.place,
    row.description,
    ...agenda.map((a, i) => `議題${i + 1} ${a.title}\n${a.purpose}`),
    minutes
      ? `議事録\n${minutes.body_md}\n${Object.values(JSON.parse(minutes.outcomes) as Record<string, string>).join("\n")}`
      : "",
  ].join("\n");
  await indexEntry(ctx, {
    kind: "meeting",
    refId: row.id,
    title: meetingName(row, body.name),
    text,
    date: jstDate(new Date(row.starts_at)),
    link: `/meetings/${row.id}`,
    scope: { type: "body", bodyId: row.body_id },
  });
}
