import type { AgendaItem, Material, Meeting, MeetingDetail } from "../../../shared/api/meetings.js";
import type { Disclosure } from "../../../shared/api/publication.js";
import { nonBusinessReason } from "../../../shared/dates/calendar.js";
import { jstDate } from "../../../shared/dates/jst.js";
import type { Actor, Ctx } from "../../platform/context.js";
import { can } from "../../platform/policy/authorize.js";
import type { LoadedMeeting } from "./access.js";
import { materialLabels, meetingName } from "./naming.js";
import type { MeetingSubject } from "./policy.js";
import { type AgendaWithOrg, listAgendaRows, type MeetingRow } from "./repo.js";
import { listMaterialRows, listVersionRows } from "./repo-files.js";

const isOpen = (s: MeetingRow["status"]) => s === "draft" || s === "announced";
const before = (deadline: string | null, now = Date.now()) => !!deadline && now <= Date.parse(deadline);

/** Proposals are taken while a deadline is set and not past, before the meeting is held. */
export const proposalOpen = (m: MeetingRow) => isOpen(m.status) && before(m.proposal_deadline);
/** Attendance is answered once announced, until the cut-off (the start when no cut-off is set). */
export const attendanceOpen = (m: MeetingRow) => m.status === "announced" && before(m.attendance_deadline ?? m.starts_at);

/**
 * What a meeting's row alone decides, its name and the date warning, worked out once per row object: a list
 * answered from its kept copy (platform/db/versioned-cache.ts) presents the same frozen rows on every request.
 */
const rowParts = new WeakMap<MeetingRow, { bodyName: string; name: string; dateWarning: string | null }>();
function partsOf(row: MeetingRow, bodyName: string) {
  let parts = rowParts.get(row);
  if (parts?.bodyName !== bodyName) {
    parts = { bodyName, name: meetingName(row, bodyName), dateWarning: nonBusinessReason(jstDate(row.starts_at)) };
    rowParts.set(row, parts);
  }
  return parts;
}

export function presentMeeting(actor: Actor | null, row: MeetingRow, bodyName: string, s: MeetingSubject): Meeting {
  const { name, dateWarning } = partsOf(row, bodyName);
  const manage = can(actor, "meeting.manage", s);
  const st = row.status;
  const afterHeld = st === "held" || st === "minutes_published";
  return {
    id: row.id,
    bodyId: row.body_id,
    bodyName,
    fiscalYear: row.fiscal_year,
    seq: row.seq,
    subtitle: row.subtitle,
    name,
    kind: row.kind,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    dateWarning,
    place: row.place,
    onlineUrl: row.online_url,
    description: row.description,
    status: st,
    proposalDeadline: row.proposal_deadline,
    attendanceDeadline: row.attendance_deadline,
    proposalOpen: proposalOpen(row),
    attendanceOpen: attendanceOpen(row),
    cancelReason: row.cancel_reason,
    previousId: row.previous_id,
    updatedAt: row.updated_at,
    abilities: {
      canEdit: manage && isOpen(st),
      canAnnounce: manage && st === "draft",
      // Only once it has started: a meeting months ahead cannot be "held" (the server refuses it too).
      canMarkHeld: manage && st === "announced" && Date.parse(row.starts_at) <= Date.now(),
      canCancel: manage && isOpen(st),
      canPropose: can(actor, "agenda.propose", s) && (proposalOpen(row) || (manage && isOpen(st))),
      canDecide: manage && isOpen(st),
      canUpload: manage && st !== "cancelled",
      canAnswerAttendance: can(actor, "attendance.answer", s) && (attendanceOpen(row) || (manage && isOpen(st))),
      canTakeRoll: manage && (st === "announced" || st === "held"),
      canEditMinutes: manage && afterHeld,
      canApproveMinutes: can(actor, "meeting.approveMinutes", s) && afterHeld,
      canPublishMinutes: manage && afterHeld,
      canCorrectMinutes: manage && st === "minutes_published",
      canCreateActions: manage && afterHeld,
      canPrepareNext: manage,
    },
  };
}

export function presentAgendaItem(
  actor: Actor | null,
  m: MeetingRow | null,
  a: AgendaWithOrg,
  s: MeetingSubject,
  number: number | null,
): AgendaItem {
  const manage = can(actor, "meeting.manage", s);
  const own = !!actor && !!a.proposer_org_id && a.proposer_org_id === actor.orgId && actor.role !== "observer";
  const live = !!m && isOpen(m.status);
  return {
    id: a.id,
    meetingId: a.meeting_id,
    status: a.status,
    number,
    title: a.title,
    purpose: a.purpose,
    presenter: a.presenter,
    minutesRequested: a.minutes_requested,
    durationMinutes: a.duration_minutes,
    position: a.position,
    proposerOrg: a.proposer_org_id ? { id: a.proposer_org_id, name: a.proposer_org_name ?? "" } : null,
    decisionReason: a.decision_reason,
    decidedAt: a.decided_at,
    sourceRef: a.source_ref,
    abilities: {
      canEdit: live && (manage ? a.status !== "withdrawn" : own && a.status === "proposed" && proposalOpen(m!)),
      canDecide: live && manage && a.status !== "withdrawn",
      canWithdraw: live && own && (a.status === "proposed" || a.status === "accepted"),
      canUpload:
        !!m && m.status !== "cancelled" && (manage || (own && live && a.status !== "withdrawn" && a.status !== "rejected")),
    },
  };
}

/** Accepted items in agenda order: their ids, and their numbers (議題1, 議題2 …). */
export function agendaNumbers(items: AgendaWithOrg[]) {
  const accepted = items.filter((i) => i.status === "accepted");
  return { order: accepted.map((i) => i.id), number: new Map(accepted.map((i, n) => [i.id, n + 1])) };
}

/**
 * 委員限り in the app: an agenda item, material or minutes marked "members" is seen only by the body's members and
 * those who run it (meeting.readMembersOnly); for everyone else it does not exist (lists, search, pack, 404).
 */
export const disclosed = (actor: Actor | null, s: MeetingSubject, x: { disclosure?: Disclosure }) =>
  x.disclosure !== "members" || can(actor, "meeting.readMembersOnly", s);

/** The agenda items the actor may see (委員限り ones only for members); numbers stay those of the whole agenda. */
export const disclosedAgenda = <T extends { disclosure?: Disclosure }>(actor: Actor | null, s: MeetingSubject, agenda: T[]) =>
  agenda.filter((a) => disclosed(actor, s, a));

/**
 * Whether the actor may see a material: everyone once announced; before that managers and the proposing
 * organisation; a 委員限り material, or one of a 委員限り item, only the body's members. Without `mat`, the
 * meeting-wide rule alone (used to decide whether materials are readable at all).
 */
export function materialVisible(
  actor: Actor | null,
  m: MeetingRow,
  s: MeetingSubject,
  item: AgendaWithOrg | undefined,
  mat?: { disclosure?: Disclosure },
) {
  if ((mat && !disclosed(actor, s, mat)) || (item && !disclosed(actor, s, item))) return false;
  return materialReadable(actor, m, s, item);
}

function materialReadable(actor: Actor | null, m: MeetingRow, s: MeetingSubject, item: AgendaWithOrg | undefined) {
  if (m.status !== "draft" || can(actor, "meeting.manage", s)) return true;
  return !!item?.proposer_org_id && item.proposer_org_id === actor?.orgId;
}

export async function loadMaterials(ctx: Ctx, loaded: LoadedMeeting, agenda: AgendaWithOrg[]): Promise<Material[]> {
  const { row, subject } = loaded;
  const byId = new Map(agenda.map((a) => [a.id, a]));
  const itemOf = (m: { agenda_item_id: string | null }) => (m.agenda_item_id ? byId.get(m.agenda_item_id) : undefined);
  const readable = (await listMaterialRows(ctx, row.id)).filter((m) => materialReadable(ctx.actor, row, subject, itemOf(m)));
  const rows = readable.filter((m) => materialVisible(ctx.actor, row, subject, itemOf(m), m));
  const { order } = agendaNumbers(agenda);
  // Labels (資料N) are given before 委員限り is applied, so 資料3 is 資料3 for everyone who sees it.
  const labels = materialLabels(order, readable);
  const versions = await listVersionRows(
    ctx,
    rows.map((r) => r.id),
  );
  const manage = can(ctx.actor, "meeting.manage", subject);
  const rank = (id: string | null) => (id ? order.indexOf(id) : order.length) + (id && !order.includes(id) ? 1000 : 0);
  return rows
    .map((r) => {
      const item = r.agenda_item_id ? byId.get(r.agenda_item_id) : undefined;
      const live = row.status === "draft" || row.status === "announced";
      const own =
        live &&
        !!item?.proposer_org_id &&
        item.proposer_org_id === ctx.actor?.orgId &&
        ["proposed", "accepted"].includes(item.status);
      return {
        id: r.id,
        agendaItemId: r.agenda_item_id,
        label: labels.get(r.id) ?? "",
        title: r.title,
        version: r.current_version,
        fileName: r.file_name,
        size: r.file_size,
        mime: r.file_mime,
        versions: versions
          .filter((v) => v.material_id === r.id)
          .map((v) => ({ version: v.version, fileName: v.name, size: v.size, mime: v.mime, createdAt: v.created_at })),
        abilities: {
          canReplace: row.status !== "cancelled" && (manage || own),
          canDelete: row.status !== "cancelled" && (manage || own),
        },
        _rank: rank(r.agenda_item_id),
      };
    })
    .sort((a, b) => a._rank - b._rank)
    .map(({ _rank, ...m }) => m);
}

export async function meetingDetail(ctx: Ctx, loaded: LoadedMeeting): Promise<MeetingDetail> {
  const { row, body, subject } = loaded;
  const agenda = await listAgendaRows(ctx, row.id);
  const { number } = agendaNumbers(agenda);
  const agendaMinutes = agenda.filter((a) => a.status === "accepted").reduce((n, a) => n + a.duration_minutes, 0);
  const meetingMinutes = Math.round((Date.parse(row.ends_at) - Date.parse(row.starts_at)) / 60_000);
  const sorted = [...agenda].sort((a, b) => (number.get(a.id) ?? 1e6) - (number.get(b.id) ?? 1e6) || a.position - b.position);
  return {
    ...presentMeeting(ctx.actor, row, body.name, subject),
    agenda: disclosedAgenda(ctx.actor, subject, sorted).map((a) =>
      presentAgendaItem(ctx.actor, row, a, subject, number.get(a.id) ?? null),
    ),
    agendaMinutes,
    meetingMinutes,
    agendaOverrun: agendaMinutes > meetingMinutes,
    materials: await loadMaterials(ctx, loaded, agenda),
  };
}
