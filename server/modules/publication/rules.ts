import type { Disclosure } from "../../../shared/api/publication.js";
import { invalid } from "../../platform/errors.js";
import { publicStatuses } from "../meetings/index.js";

/**
 * What may be public, in one place. A meeting can be public once announced (not a draft, not
 * cancelled) in a body open to all members; its agenda items (on the 次第), materials and minutes only
 * inside a public meeting, and a material attached to an agenda item only when that item is public.
 */
type MeetingLike = { status: string; disclosure?: Disclosure };
type BodyLike = { visibility: "all" | "members" };
type ItemLike = { id: string; status: string; disclosure?: Disclosure };
type MaterialLike = { agenda_item_id: string | null; disclosure?: Disclosure };

const level = (x: { disclosure?: Disclosure }) => x.disclosure ?? "closed";

const meetingPublishable = (m: { status: string }, b: BodyLike) =>
  b.visibility === "all" && (publicStatuses as readonly string[]).includes(m.status);

export const meetingIsPublic = (m: MeetingLike, b: BodyLike) => level(m) === "public" && meetingPublishable(m, b);

export const itemIsPublic = (i: ItemLike) => i.status === "accepted" && level(i) === "public";

export function materialIsPublic(mat: MaterialLike, items: ReadonlyMap<string, ItemLike>) {
  if (level(mat) !== "public") return false;
  if (!mat.agenda_item_id) return true;
  const item = items.get(mat.agenda_item_id);
  return !!item && itemIsPublic(item);
}

export interface Levels {
  meeting: Disclosure;
  minutes: Disclosure;
  items: Map<string, Disclosure>;
  materials: Map<string, Disclosure>;
}

/** Refuses a combination the site could not honour, naming each field a clerk must change. */
export function checkLevels(
  m: { status: string },
  b: BodyLike,
  items: { id: string; status: string; title: string }[],
  materials: { id: string; agenda_item_id: string | null; title: string }[],
  want: Levels,
) {
  const issues: { path: string; message: string }[] = [];
  if (want.meeting === "public" && b.visibility !== "all")
    issues.push({ path: "meeting", message: "委員限りの会議体の会議は公開できません" });
  else if (want.meeting === "public" && !meetingPublishable(m, b))
    issues.push({ path: "meeting", message: "開催通知前の会議と中止した会議は公開できません" });
  const meetingPublic = want.meeting === "public" && issues.length === 0;
  const refuse = (path: string, message: string) => issues.push({ path, message });
  if (want.minutes === "public" && !meetingPublic) refuse("minutes", "会議を公開しないと議事要旨は公開できません");
  for (const i of items) {
    if (want.items.get(i.id) !== "public") continue;
    if (!meetingPublic) refuse(`agendaItems.${i.id}`, `議題「${i.title}」：会議を公開しないと公開できません`);
    else if (i.status !== "accepted") refuse(`agendaItems.${i.id}`, `議題「${i.title}」：次第に載っていない議題は公開できません`);
  }
  for (const mat of materials) {
    if (want.materials.get(mat.id) !== "public") continue;
    if (!meetingPublic) refuse(`materials.${mat.id}`, `資料「${mat.title}」：会議を公開しないと公開できません`);
    else if (mat.agenda_item_id && want.items.get(mat.agenda_item_id) !== "public")
      refuse(`materials.${mat.id}`, `資料「${mat.title}」：議題を公開しないと、その議題の資料は公開できません`);
  }
  if (issues.length)
    throw invalid(`公開できない組み合わせがあります（${issues.length}件）。非公開の会議や議題の資料は公開できません。`, issues);
}

/** A programme's aggregate figures are open data when it is marked 公開 and its body (if any) is open to all. */
export const programmeIsPublic = (p: { disclosure?: Disclosure; archived: number }, bodyOpen: boolean) =>
  (p.disclosure ?? "closed") === "public" && p.archived === 0 && bodyOpen;
