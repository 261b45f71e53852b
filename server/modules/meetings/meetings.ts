import type { z } from "zod";
import type {
  cancelInput,
  Meeting,
  MeetingDetail,
  meetingInput,
  meetingPatch,
  meetingQuery,
} from "../../../shared/api/meetings.js";
import { fiscalYearAt, jstDate, jstDayEnd, jstDayStart, jstTime } from "../../../shared/dates/jst.js";
import { warekiDate } from "../../../shared/dates/wareki.js";
import { diff, recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { conflict, invalid } from "../../platform/errors.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { bodyStandings } from "../bodies/index.js";
import { visibleBody } from "../bodies/service.js";
import { notify } from "../notifications/service.js";
import { type LoadedMeeting, orgPositionsIn, subjectOf, visibleMeeting } from "./access.js";
import { meetingIcsAttachment } from "./calendar.js";
import { meetingName } from "./naming.js";
import { renumber } from "./numbering.js";
import "./policy.js";
import type { MailTemplateText } from "../../../shared/api/mail-templates.js";
import { type Page, pageArray } from "../../../shared/api/paging.js";
import { warekiDateTime } from "../../../shared/dates/format.js";
import { checkTemplate } from "../notifications/index.js";
import { announcementSpec, meetingMailVars, meetingPlace, meetingWhen } from "./meeting-mail.js";
import { disclosed, meetingDetail, presentMeeting } from "./present.js";
import { notifyProposalsOpen } from "./proposal-notices.js";
import { insertMeeting, listMeetingRows, type MeetingRow, meetingLevelRows, updateMeetingRow } from "./repo.js";
import { indexMeeting } from "./search-hook.js";

/** 「日時：… → …」 lines for what moved, for the 変更 mail. */
function changeText(before: MeetingRow, after: MeetingRow): string {
  const lines: string[] = [];
  if (before.starts_at !== after.starts_at || before.ends_at !== after.ends_at)
    lines.push(`日時　${meetingWhen(before)} → ${meetingWhen(after)}`);
  if (before.place !== after.place || before.online_url !== after.online_url || before.kind !== after.kind)
    lines.push(`場所　${meetingPlace(before)} → ${meetingPlace(after)}`);
  return lines.join("\n　　　　　　");
}

/** The bodies the actor may see, each with the actor's standing, keyed by id. */
export async function visibleBodies(ctx: Ctx) {
  const out = new Map<string, { name: string; orgCount: number; subject: ReturnType<typeof subjectOf> }>();
  for (const b of await bodyStandings(ctx))
    if (can(ctx.actor, "body.read", b.subject))
      out.set(b.row.id, { name: b.row.name, orgCount: b.orgCount, subject: subjectOf(b.subject, b.orgPositions) });
  return out;
}

/**
 * Which of these meetings the actor may see (its body is visible to them and, when 委員限り as a whole, they are on
 * its roll or run the council): for things linked to a meeting (date polls…), which share its fate.
 */
export async function seesMeetings(ctx: Ctx, ids: string[]): Promise<Set<string>> {
  const bodies = await visibleBodies(ctx);
  const rows = await meetingLevelRows(ctx, [...new Set(ids)]);
  return new Set(
    rows.filter((r) => bodies.has(r.body_id) && disclosed(ctx.actor, bodies.get(r.body_id)!.subject, r)).map((r) => r.id),
  );
}

type MeetingFilter = Omit<z.infer<typeof meetingQuery>, "limit" | "offset">;

/** The rows of every meeting of the filter the actor may see, with what presenting each needs. */
async function visibleMeetingRows(ctx: Ctx, q: MeetingFilter) {
  const bodies = await visibleBodies(ctx);
  const ids = q.bodyId ? [...bodies.keys()].filter((id) => id === q.bodyId) : [...bodies.keys()];
  const rows = await listMeetingRows(ctx, {
    bodyIds: ids,
    // Dates are Japan days: from 00:00 JST of `from` to 00:00 JST of the day after `to`.
    from: q.from ? jstDayStart(q.from).toISOString() : undefined,
    to: q.to ? jstDayEnd(q.to).toISOString() : undefined,
    status: q.status,
  });
  const present = (r: MeetingRow & { body_name: string }) =>
    presentMeeting(ctx.actor, r, r.body_name, bodies.get(r.body_id)!.subject);
  return { rows: rows.filter((r) => disclosed(ctx.actor, bodies.get(r.body_id)!.subject, r)), present };
}

/** Every meeting of the filter the actor may see (the calendar feed takes them all). */
export async function visibleMeetingList(ctx: Ctx, q: MeetingFilter): Promise<Meeting[]> {
  const { rows, present } = await visibleMeetingRows(ctx, q);
  return rows.map(present);
}

/** One page of the list: only its meetings are presented (their abilities, date warnings…). */
export async function listMeetings(ctx: Ctx, q: z.infer<typeof meetingQuery>): Promise<Page<Meeting>> {
  const { rows, present } = await visibleMeetingRows(ctx, q);
  const page = pageArray(rows, q);
  return { items: page.items.map(present), total: page.total };
}

export async function getMeeting(ctx: Ctx, id: string): Promise<MeetingDetail> {
  return meetingDetail(ctx, await visibleMeeting(ctx, id));
}

const iso = (v: string | null | undefined) => (v == null ? v : new Date(v).toISOString());

function checkDeadlines(m: Pick<MeetingRow, "starts_at" | "ends_at" | "proposal_deadline" | "attendance_deadline">) {
  if (Date.parse(m.ends_at) <= Date.parse(m.starts_at))
    throw invalid("終了日時は開始日時より後にしてください。", [{ path: "endsAt", message: "開始日時より後にしてください" }]);
  if (m.proposal_deadline && Date.parse(m.proposal_deadline) > Date.parse(m.starts_at))
    throw invalid("議題提案の締切は開催日時より前にしてください。", [
      { path: "proposalDeadline", message: "開催日時より前にしてください" },
    ]);
  if (m.attendance_deadline && Date.parse(m.attendance_deadline) > Date.parse(m.starts_at))
    throw invalid("出欠回答の締切は開催日時より前にしてください。", [
      { path: "attendanceDeadline", message: "開催日時より前にしてください" },
    ]);
}

export async function createMeeting(ctx: Ctx, input: z.infer<typeof meetingInput>): Promise<MeetingDetail> {
  return inTx(ctx, async (tx) => {
    const body = await visibleBody(tx, input.bodyId);
    authorize(tx.actor, "meeting.create", subjectOf(body.subject, orgPositionsIn(tx, body.members)));
    const now = nowIso();
    const row: MeetingRow = {
      id: newId(),
      body_id: input.bodyId,
      fiscal_year: fiscalYearAt(input.startsAt),
      seq: 0,
      subtitle: input.subtitle ?? null,
      kind: input.kind,
      starts_at: iso(input.startsAt)!,
      ends_at: iso(input.endsAt)!,
      place: input.place,
      online_url: input.onlineUrl ?? null,
      description: input.description,
      status: "draft",
      proposal_deadline: iso(input.proposalDeadline) ?? null,
      attendance_deadline: iso(input.attendanceDeadline) ?? null,
      cancel_reason: null,
      previous_id: null,
      agenda_template: "[]",
      created_by: tx.actor.userId,
      announced_at: null,
      created_at: now,
      updated_at: now,
    };
    checkDeadlines(row);
    await insertMeeting(tx, row);
    await renumber(tx, row.body_id, [row.fiscal_year], row.id);
    const loaded = await visibleMeeting(tx, row.id);
    await recordAudit(tx, "meeting.create", { type: "meeting", id: row.id }, { after: input, seq: loaded.row.seq });
    await notifyProposalsOpen(tx, null, loaded);
    await indexMeeting(tx, loaded);
    return meetingDetail(tx, loaded);
  });
}

/** The meeting's organisations and personal members, who get its notifications. */
export function recipients(loaded: LoadedMeeting) {
  const orgIds = [...new Set(loaded.members.filter((m) => m.org_id).map((m) => m.org_id!))];
  const userIds = loaded.members.filter((m) => m.user_id).map((m) => m.user_id!);
  return { orgIds, userIds };
}

const whenText = (m: MeetingRow) =>
  `${warekiDate(jstDate(new Date(m.starts_at)))} ${jstTime(m.starts_at)}〜${jstTime(m.ends_at)}${m.place ? `　${m.place}` : ""}`;

export async function updateMeeting(ctx: Ctx, id: string, patch: z.infer<typeof meetingPatch>): Promise<MeetingDetail> {
  return inTx(ctx, async (tx) => {
    const loaded = await visibleMeeting(tx, id);
    const { row, subject } = loaded;
    authorize(tx.actor, "meeting.manage", subject);
    if (row.status !== "draft" && row.status !== "announced") throw conflict("開催済み・中止の会議は編集できません。");
    const next: Partial<MeetingRow> = {
      subtitle: patch.subtitle,
      kind: patch.kind,
      starts_at: iso(patch.startsAt) ?? undefined,
      ends_at: iso(patch.endsAt) ?? undefined,
      place: patch.place,
      online_url: patch.onlineUrl,
      description: patch.description,
      proposal_deadline: iso(patch.proposalDeadline),
      attendance_deadline: iso(patch.attendanceDeadline),
    };
    const merged = { ...row, ...Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) } as MeetingRow;
    checkDeadlines(merged);
    const fy = fiscalYearAt(merged.starts_at);
    if (fy !== row.fiscal_year) {
      if (row.status !== "draft")
        throw conflict(
          `開催通知済みの会議は年度をまたいで移せません（${meetingName(row, loaded.body.name)}のままになります）。中止して、新しい年度に会議を作ってください。`,
        );
      next.fiscal_year = fy;
    }
    await updateMeetingRow(tx, id, { ...next, updated_at: nowIso() });
    await recordAudit(tx, "meeting.update", { type: "meeting", id }, diff(row, next));
    if (merged.starts_at !== row.starts_at) await renumber(tx, row.body_id, [...new Set([row.fiscal_year, fy])], id);
    const after = await visibleMeeting(tx, id);
    const moved = ["starts_at", "ends_at", "place", "online_url", "kind"].some((k) => k in diff(row, next));
    if (row.status === "announced" && moved) {
      await notify(tx, {
        ...recipients(after),
        category: "meeting",
        title: `会議の日時・場所が変更されました：${meetingName(after.row, after.body.name)}`,
        body: `変更後：${whenText(after.row)}`,
        link: `/meetings/${id}`,
        mail: {
          template: "meeting.change",
          vars: { ...(await meetingMailVars(tx, after)), 変更内容: changeText(row, after.row) },
        },
      });
    }
    await notifyProposalsOpen(tx, row, after);
    await indexMeeting(tx, after);
    return meetingDetail(tx, after);
  });
}

async function transition(
  ctx: Ctx,
  id: string,
  event: "meeting.announce" | "meeting.hold" | "meeting.cancel",
  from: MeetingRow["status"][],
  to: MeetingRow["status"],
  extra: Partial<MeetingRow> = {},
) {
  return inTx(ctx, async (tx) => {
    const loaded = await visibleMeeting(tx, id);
    authorize(tx.actor, "meeting.manage", loaded.subject);
    if (!from.includes(loaded.row.status)) throw conflict(statusMessage(to, loaded.row.status));
    await updateMeetingRow(tx, id, { status: to, ...extra, updated_at: nowIso() });
    await recordAudit(tx, event, { type: "meeting", id }, { status: [loaded.row.status, to], ...extra });
    const after = await visibleMeeting(tx, id);
    // The status decides what the entry holds (a draft's materials are not its readers' yet; cancelled leaves).
    await indexMeeting(tx, after);
    return { before: loaded, after, tx };
  });
}

const statusMessage = (to: MeetingRow["status"], from: MeetingRow["status"]) =>
  ({
    announced: "開催通知はこの会議の準備中にだけ出せます。",
    held: "開催済みにできるのは開催通知済みの会議です。",
    cancelled: from === "cancelled" ? "この会議はすでに中止になっています。" : "開催済みの会議は中止にできません。",
  })[to as "announced"] ?? "この操作は今の状態ではできません。";

export async function announceMeeting(ctx: Ctx, id: string, override?: MailTemplateText): Promise<MeetingDetail> {
  if (override) checkTemplate("meeting.announce", override);
  return inTx(ctx, async (c) => {
    const { after, tx } = await transition(c, id, "meeting.announce", ["draft"], "announced", { announced_at: nowIso() });
    const name = meetingName(after.row, after.body.name);
    const deadline = after.row.attendance_deadline ?? after.row.starts_at;
    await notify(tx, {
      ...recipients(after),
      category: "meeting",
      title: `開催通知：${name}`,
      body: `${whenText(after.row)}\n出欠の回答期限：${warekiDate(jstDate(new Date(deadline)))} ${jstTime(deadline)}`,
      link: `/meetings/${id}`,
      mail: await announcementSpec(tx, after, override),
      attachments: [await meetingIcsAttachment(tx, id)],
    });
    return meetingDetail(tx, after);
  });
}

export async function markHeld(ctx: Ctx, id: string): Promise<MeetingDetail> {
  return inTx(ctx, async (c) => {
    const { row } = await visibleMeeting(c, id);
    if (row.status === "announced" && Date.parse(row.starts_at) > Date.now())
      throw conflict(`この会議は${warekiDateTime(row.starts_at)}に始まる予定です。開始前に開催済みにはできません。`);
    const { after, tx } = await transition(c, id, "meeting.hold", ["announced"], "held");
    return meetingDetail(tx, after);
  });
}

export async function cancelMeeting(ctx: Ctx, id: string, input: z.infer<typeof cancelInput>): Promise<MeetingDetail> {
  return inTx(ctx, async (c) => {
    const { before, after, tx } = await transition(c, id, "meeting.cancel", ["draft", "announced"], "cancelled", {
      cancel_reason: input.reason,
    });
    // A cancelled draft gives its number back to the drafts after it.
    await renumber(tx, before.row.body_id, [before.row.fiscal_year], id);
    await notify(tx, {
      ...recipients(after),
      category: "meeting",
      title: `会議中止：${meetingName(before.row, before.body.name)}`,
      body: `${whenText(before.row)} に予定していた会議は中止になりました。\n理由：${input.reason}`,
      link: `/meetings/${id}`,
      mail: { template: "meeting.cancel", vars: { ...(await meetingMailVars(tx, before)), 理由: input.reason } },
      attachments: [await meetingIcsAttachment(tx, id, { cancel: true })],
    });
    return meetingDetail(tx, after);
  });
}
