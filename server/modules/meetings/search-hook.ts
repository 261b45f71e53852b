import { jstDate } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { indexEntry, removeEntry, type SearchScope } from "../search/index.js";
import type { LoadedMeeting } from "./access.js";
import { meetingName } from "./naming.js";
import { agendaNumbers, materialVisible } from "./present.js";
import { listAgendaRows } from "./repo.js";
import { listMaterialRows } from "./repo-files.js";
import { latestPublishedMinutes } from "./repo-follow.js";

/** The key of a meeting's second entry, which holds its 委員限り parts (search's "members" scope). */
const membersOnlyRef = (meetingId: string) => `${meetingId}:members`;

/**
 * Keeps the meeting's search entries current: its name, place, the accepted agenda, the materials (titles)
 * once they are open to the meeting's readers, and the published minutes with their outcomes. Search finds
 * exactly what the detail routes show, so the meeting is split by disclosure:
 * - the meeting's entry, scoped to the body (members-only bodies stay private), holds what every reader sees;
 * - its 委員限り items (with their materials and outcomes), materials and minutes go into a second entry
 *   (`<id>:members`) in the "members" scope: the body's members and those who run the council;
 * - a meeting 委員限り as a whole is one entry in the "members" scope holding everything.
 * Cancelled meetings leave the index.
 */
export async function indexMeeting(ctx: Ctx, loaded: LoadedMeeting): Promise<void> {
  const { row, body } = loaded;
  if (row.status === "cancelled") {
    await removeEntry(ctx, "meeting", row.id);
    return removeEntry(ctx, "meeting", membersOnlyRef(row.id));
  }
  const all = await listAgendaRows(ctx, row.id);
  const { number } = agendaNumbers(all);
  const hiddenItems = new Set(all.filter((a) => a.disclosure === "members").map((a) => a.id));
  const minutes = await latestPublishedMinutes(ctx, row.id);
  const outcomes = minutes ? Object.entries(JSON.parse(minutes.outcomes) as Record<string, string>) : [];
  // A draft meeting's materials are its proposers' and the secretariat's: none are indexed before it is announced.
  const materials = materialVisible(null, row, loaded.subject, undefined) ? await listMaterialRows(ctx, row.id) : [];
  const materialHidden = (m: (typeof materials)[number]) =>
    m.disclosure === "members" || (!!m.agenda_item_id && hiddenItems.has(m.agenda_item_id));
  const minutesHidden = row.minutes_disclosure === "members";

  /** The text of the parts that are (hidden = true) or are not 委員限り; `everything` for a meeting 委員限り as a whole. */
  const text = (part: "open" | "hidden" | "everything") => {
    const take = (isHidden: boolean) => part === "everything" || isHidden === (part === "hidden");
    return [
      part === "hidden" ? "" : `${row.place}\n${row.description}`,
      ...all
        .filter((a) => number.has(a.id) && take(hiddenItems.has(a.id)))
        .map((a) => `議題${number.get(a.id)} ${a.title}\n${a.purpose}`),
      ...materials.filter((m) => take(materialHidden(m))).map((m) => `資料 ${m.title} ${m.file_name}`),
      minutes && take(minutesHidden) ? `議事録\n${minutes.body_md}` : "",
      ...outcomes.filter(([id]) => take(minutesHidden || hiddenItems.has(id))).map(([, decision]) => decision),
    ]
      .filter(Boolean)
      .join("\n");
  };
  const name = meetingName(row, body.name);
  const entry = (refId: string, title: string, body: string, scope: SearchScope) =>
    indexEntry(ctx, {
      kind: "meeting",
      refId,
      title,
      text: body,
      date: jstDate(new Date(row.starts_at)),
      link: `/meetings/${row.id}`,
      scope,
    });
  const members: SearchScope = { type: "members", bodyId: row.body_id };

  if (row.disclosure === "members") {
    await entry(row.id, name, text("everything"), members);
    return removeEntry(ctx, "meeting", membersOnlyRef(row.id));
  }
  await entry(row.id, name, text("open"), { type: "body", bodyId: row.body_id });
  const hidden = text("hidden");
  if (hidden) await entry(membersOnlyRef(row.id), `${name}（委員限り）`, hidden, members);
  else await removeEntry(ctx, "meeting", membersOnlyRef(row.id));
}
