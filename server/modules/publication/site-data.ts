import { jstClock, warekiDateTime } from "../../../shared/dates/format.js";
import { jstDate } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { renderMarkdown } from "../../platform/text/markdown.js";
import { type BodyRow, listBodyRows, listMemberRows } from "../bodies/index.js";
import {
  type AgendaWithOrg,
  agendaNumbers,
  findMaterialWithFile,
  findPublicMeetingRow,
  latestPublishedMinutes,
  listAgendaRows,
  listMaterialRows,
  listPublicMeetingRows,
  type MeetingRow,
  materialLabels,
  meetingName,
} from "../meetings/index.js";
import { listOrgRows } from "../orgs/index.js";
import { itemIsPublic, materialIsPublic, meetingIsPublic } from "./rules.js";

/**
 * What the public council site shows, read for nobody in particular: only bodies open to all members,
 * meetings marked 公開 once announced, and inside them only what is marked 公開 (publication/rules.ts).
 */

/** 資料1, 資料2-1 … numbered as members see them (a 非公開 資料2 leaves a gap, as printed 次第 do). */
export function materialLabelsOf(agenda: AgendaWithOrg[], materials: { id: string; agenda_item_id: string | null }[]) {
  return materialLabels(agendaNumbers(agenda).order, materials);
}

/** 「令和8年6月10日（水）14時～16時」 in Japan time. */
export const whenText = (m: Pick<MeetingRow, "starts_at" | "ends_at">) =>
  `${warekiDateTime(m.starts_at)}～${jstDate(m.starts_at) === jstDate(m.ends_at) ? jstClock(m.ends_at) : warekiDateTime(m.ends_at)}`;

/** The file extension a material keeps on the site ("pdf"), letters and digits only. */
const extOf = (fileName: string) => /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase() ?? "bin";
const materialPath = (m: { id: string; file_name: string }) => `materials/${m.id}.${extOf(m.file_name)}`;

export interface SiteBody {
  id: string;
  kind: BodyRow["kind"];
  name: string;
  theme: string | null;
  description: string;
  parentId: string | null;
  children: SiteBody[];
}

/** The bodies open to all members, as a tree; one whose parent is members-only stands at the top. */
export async function publicBodies(ctx: Ctx) {
  const rows = (await listBodyRows(ctx)).filter((b) => b.visibility === "all");
  const byId = new Map<string, SiteBody>(
    rows.map((b) => [
      b.id,
      { id: b.id, kind: b.kind, name: b.name, theme: b.theme, description: b.description, parentId: null, children: [] },
    ]),
  );
  const roots: SiteBody[] = [];
  for (const b of rows) {
    const node = byId.get(b.id)!;
    const parent = b.parent_id ? byId.get(b.parent_id) : undefined;
    if (parent) {
      node.parentId = parent.id;
      parent.children.push(node);
    } else roots.push(node);
  }
  return { roots, byId };
}

async function siteTitle(ctx: Ctx) {
  const prefecture = (await listOrgRows(ctx, { kind: "prefecture" }))[0];
  const { roots, byId } = await publicBodies(ctx);
  const council = [...byId.values()].find((b) => b.kind === "council") ?? roots[0];
  return { prefecture: prefecture?.name ?? "", council: council?.name ?? "協議会", roots, byId };
}

export type PublicMeetingRow = Awaited<ReturnType<typeof listPublicMeetingRows>>[number];

export const meetingTitle = (m: PublicMeetingRow) => meetingName(m, m.body_name);

export const recentMeetings = (ctx: Ctx, limit: number) => listPublicMeetingRows(ctx, { limit });
export const bodyMeetings = (ctx: Ctx, bodyId: string) => listPublicMeetingRows(ctx, { bodyId });
export const allPublicMeetings = (ctx: Ctx) => listPublicMeetingRows(ctx);

/** The member organisations of a public body (構成団体) with their positions; people are not listed. */
export async function memberOrgs(ctx: Ctx, bodyId: string) {
  return (await listMemberRows(ctx, [bodyId]))
    .filter((m) => m.org_id && m.org_name)
    .map((m) => ({ name: m.org_name!, position: m.position }));
}

/**
 * Rendered minutes by revision row and its last change: rendering (Markdown + sanitising) is most of a
 * meeting page's cost, and a published revision rarely changes. Keyed by content version, so any instance
 * serves the current text.
 */
const minutesHtml = new Map<string, string>();
function renderMinutes(m: { id: string; updated_at: string; body_md: string }) {
  const key = `${m.id}:${m.updated_at}`;
  let out = minutesHtml.get(key);
  if (out === undefined) {
    out = renderMarkdown(m.body_md);
    if (minutesHtml.size >= 500) minutesHtml.delete(minutesHtml.keys().next().value!);
    minutesHtml.set(key, out);
  }
  return out;
}

/**
 * What one rendering of the site reads more than once (the export renders every page): the site's title
 * and bodies, and each meeting's public content. A request makes its own; nothing outlives it.
 */
export interface SiteMemo {
  title?: ReturnType<typeof siteTitle>;
  meetings: Map<string, ReturnType<typeof publicMeeting>>;
}
export const newMemo = (): SiteMemo => ({ meetings: new Map() });
export const memoTitle = (ctx: Ctx, memo: SiteMemo) => (memo.title ??= siteTitle(ctx));
export function memoMeeting(ctx: Ctx, memo: SiteMemo, id: string) {
  let m = memo.meetings.get(id);
  if (!m) {
    m = publicMeeting(ctx, id);
    memo.meetings.set(id, m);
  }
  return m;
}

/** One published meeting: its 次第, materials and approved 議事要旨, each only when marked 公開. */
async function publicMeeting(ctx: Ctx, id: string) {
  const row = await findPublicMeetingRow(ctx, id);
  if (!row) return null;
  const agenda = await listAgendaRows(ctx, id);
  const { number } = agendaNumbers(agenda);
  const items = new Map(agenda.map((a) => [a.id, a]));
  const all = await listMaterialRows(ctx, id);
  const labels = materialLabelsOf(agenda, all);
  const minutes = (row.minutes_disclosure ?? "closed") === "public" ? await latestPublishedMinutes(ctx, id) : undefined;
  return {
    row,
    name: meetingTitle(row),
    agenda: agenda
      .filter(itemIsPublic)
      .sort((a, b) => number.get(a.id)! - number.get(b.id)!)
      .map((a) => ({ number: number.get(a.id)!, title: a.title, presenter: a.presenter })),
    materials: all
      .filter((m) => materialIsPublic(m, items))
      .map((m) => ({
        id: m.id,
        label: labels.get(m.id) ?? "",
        title: m.title,
        fileName: m.file_name,
        size: m.file_size,
        mime: m.file_mime,
        sha256: m.file_sha256,
        path: materialPath(m),
      })),
    minutesHtml: minutes ? renderMinutes(minutes) : null,
    minutesApprovedAt: minutes?.approved_at ?? null,
  };
}
export type PublicMeeting = NonNullable<Awaited<ReturnType<typeof publicMeeting>>>;

/** A public material's current file, or null when it is not (or no longer) public. */
export async function publicMaterial(ctx: Ctx, id: string) {
  const mat = await findMaterialWithFile(ctx, id);
  if (!mat) return null;
  const meeting = await findPublicMeetingRow(ctx, mat.meeting_id);
  if (!meeting || !meetingIsPublic(meeting, { visibility: "all" })) return null;
  const agenda = await listAgendaRows(ctx, mat.meeting_id);
  if (!materialIsPublic(mat, new Map(agenda.map((a) => [a.id, a])))) return null;
  const label = materialLabelsOf(agenda, await listMaterialRows(ctx, mat.meeting_id)).get(mat.id) ?? "";
  return { ...mat, downloadName: `${label}_${mat.title}.${extOf(mat.file_name)}` };
}
