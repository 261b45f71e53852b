import { jstDate } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { indexEntry, removeEntry } from "../search/index.js";
import type { LoadedMeeting } from "./access.js";
import { meetingName } from "./naming.js";
import { materialVisible } from "./present.js";
import { listAgendaRows } from "./repo.js";
import { listMaterialRows } from "./repo-files.js";
import { latestPublishedMinutes } from "./repo-follow.js";

/**
 * Keeps the meeting's search entry current: its name, place, the accepted agenda, the materials (titles)
 * once they are open to the meeting's readers, and the published minutes. Scoped to the body, so
 * members-only bodies stay private; 委員限り items, materials and minutes are not indexed at all (the entry is
 * body-wide, and search must not find what the detail routes hide). Cancelled meetings leave the index; a deleted material leaves the entry.
 */
export async function indexMeeting(ctx: Ctx, loaded: LoadedMeeting): Promise<void> {
  const { row, body } = loaded;
  if (row.status === "cancelled") return removeEntry(ctx, "meeting", row.id);
  // Only what every reader of the meeting sees: nothing 委員限り (agenda items, their materials, materials, minutes),
  // and a draft meeting's materials are its proposers' and the secretariat's.
  const all = await listAgendaRows(ctx, row.id);
  const agenda = all.filter((a) => a.status === "accepted" && a.disclosure !== "members");
  const hiddenItems = new Set(all.filter((a) => a.disclosure === "members").map((a) => a.id));
  const minutes = row.minutes_disclosure === "members" ? undefined : await latestPublishedMinutes(ctx, row.id);
  const materials = materialVisible(null, row, loaded.subject, undefined)
    ? (await listMaterialRows(ctx, row.id)).filter(
        (m) => m.disclosure !== "members" && !(m.agenda_item_id && hiddenItems.has(m.agenda_item_id)),
      )
    : [];
  const text = [
    row.place,
    row.description,
    ...agenda.map((a, i) => `議題${i + 1} ${a.title}\n${a.purpose}`),
    ...materials.map((m) => `資料 ${m.title} ${m.file_name}`),
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
