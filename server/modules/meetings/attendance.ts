import type { z } from "zod";
import { contactOf, positionLabels } from "../../../shared/api/bodies.js";
import { type attendanceInput, type attendanceList, attendanceModeLabels, type rollInput } from "../../../shared/api/meetings.js";
import { jstDate, jstTime } from "../../../shared/dates/jst.js";
import { warekiDate } from "../../../shared/dates/wareki.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { conflict, forbidden, invalid, notFound } from "../../platform/errors.js";
import { csvBytes, csvDownload, csvValue } from "../../platform/files/csv.js";
import type { Download } from "../../platform/files/download.js";
import { excelTime, sheetNamer, workbookBuffer, type XlsxValue, xlsxMime } from "../../platform/files/xlsx.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { personContacts } from "../users/index.js";
import { type LoadedMeeting, visibleMeeting } from "./access.js";
import { meetingName } from "./naming.js";
import { attendanceOpen } from "./present.js";
import { type AttendanceRow, listAttendanceRows, upsertAttendance } from "./repo-follow.js";

type List = z.infer<typeof attendanceList>;

/** The roll: every organisation on the body (members and observers), with its answer and the roll taken. */
async function roll(ctx: Ctx, loaded: LoadedMeeting) {
  const answers = new Map((await listAttendanceRows(ctx, loaded.row.id)).map((a) => [a.org_id, a]));
  const seen = new Set<string>();
  const orgs = loaded.members.filter((m) => m.org_id && !seen.has(m.org_id) && seen.add(m.org_id));
  return orgs.map((m) => ({
    orgId: m.org_id!,
    orgName: m.org_name ?? "",
    position: m.position,
    answer: answers.get(m.org_id!),
    orgContact: contactOf({ department: m.org_department ?? "", title: "", phone: m.org_phone ?? "", email: m.org_email ?? "" }),
  }));
}

export async function listAttendance(ctx: Ctx, meetingId: string): Promise<List> {
  const loaded = await visibleMeeting(ctx, meetingId);
  const rows = await roll(ctx, loaded);
  // The person who answered for their organisation is whom to reach; the secretariat answering on its behalf is not.
  const answerer = (r: (typeof rows)[number]) => (r.answer && r.answer.on_behalf !== 1 ? r.answer.answered_by : null);
  const people = await personContacts(ctx, rows.map(answerer));
  const manage = can(ctx.actor, "meeting.manage", loaded.subject);
  const open = attendanceOpen(loaded.row) || (manage && ["draft", "announced"].includes(loaded.row.status));
  const items = rows.map((r) => ({
    org: { id: r.orgId, name: r.orgName },
    position: r.position,
    mode: r.answer?.mode ?? null,
    attendees: JSON.parse(r.answer?.attendees ?? "[]") as string[],
    note: r.answer?.note ?? "",
    answeredAt: r.answer?.answered_at ?? null,
    onBehalf: r.answer?.on_behalf === 1,
    answeredBy: people.get(answerer(r) ?? "")?.name ?? null,
    contact: people.get(answerer(r) ?? "")?.contact ?? r.orgContact,
    present: r.answer?.present == null ? null : r.answer.present === 1,
    abilities: {
      canAnswer: open && (manage || (r.orgId === ctx.actor?.orgId && can(ctx.actor, "attendance.answer", loaded.subject))),
      canTakeRoll: manage && (loaded.row.status === "announced" || loaded.row.status === "held"),
    },
  }));
  const count = (mode: string | null) => items.filter((i) => i.mode === mode).length;
  return {
    items,
    open: attendanceOpen(loaded.row),
    deadline: loaded.row.attendance_deadline ?? loaded.row.starts_at,
    counts: { inPerson: count("in_person"), online: count("online"), absent: count("absent"), unanswered: count(null) },
  };
}

async function target(ctx: Ctx, meetingId: string, orgId: string) {
  const loaded = await visibleMeeting(ctx, meetingId);
  const rows = await roll(ctx, loaded);
  const row = rows.find((r) => r.orgId === orgId);
  const blank: AttendanceRow = {
    id: newId(),
    meeting_id: meetingId,
    org_id: orgId,
    mode: null,
    attendees: "[]",
    note: "",
    answered_by: null,
    answered_at: null,
    present: null,
    roll_by: null,
    roll_at: null,
    on_behalf: 0,
  };
  return { loaded, row, current: row?.answer ?? blank };
}

/** An organisation answers who will attend; the secretariat may answer for any organisation, also after the cut-off. */
export async function answerAttendance(ctx: Ctx, meetingId: string, orgId: string, input: z.infer<typeof attendanceInput>) {
  return inTx(ctx, async (tx) => {
    const { loaded, row, current } = await target(tx, meetingId, orgId);
    authorize(tx.actor, "attendance.answer", loaded.subject);
    const manage = can(tx.actor, "meeting.manage", loaded.subject);
    if (!manage && orgId !== tx.actor.orgId) throw forbidden("出欠は自分の団体の分だけ回答できます。");
    if (!row) throw notFound("この会議体の構成団体");
    if (loaded.row.status !== "announced" && !(manage && loaded.row.status === "draft"))
      throw conflict("この会議は出欠の回答を受け付けていません。");
    if (!manage && !attendanceOpen(loaded.row)) {
      const d = loaded.row.attendance_deadline ?? loaded.row.starts_at;
      throw conflict(
        `出欠の回答期限（${warekiDate(jstDate(new Date(d)))} ${jstTime(d)}）を過ぎています。事務局にご連絡ください。`,
      );
    }
    if (input.mode !== "absent" && input.attendees.length === 0)
      throw invalid("出席者の氏名を入力してください。", [
        { path: "attendees", message: "出席する方の氏名を1名以上入力してください" },
      ]);
    // The secretariat answering for another organisation (it replied by phone or mail) is recorded as such.
    const onBehalf = orgId !== tx.actor.orgId;
    const next: AttendanceRow = {
      ...current,
      mode: input.mode,
      attendees: JSON.stringify(input.mode === "absent" ? [] : input.attendees),
      note: input.note,
      answered_by: tx.actor.userId,
      answered_at: nowIso(),
      on_behalf: onBehalf ? 1 : 0,
    };
    await upsertAttendance(tx, next);
    await recordAudit(
      tx,
      onBehalf ? "attendance.answerOnBehalf" : "attendance.answer",
      { type: "meeting", id: meetingId },
      { orgId, ...input, ...(onBehalf ? { onBehalf: true } : {}) },
    );
    return listAttendance(tx, meetingId);
  });
}

/** The secretariat takes the roll at the meeting. */
export async function takeRoll(ctx: Ctx, meetingId: string, orgId: string, input: z.infer<typeof rollInput>) {
  return inTx(ctx, async (tx) => {
    const { loaded, row, current } = await target(tx, meetingId, orgId);
    authorize(tx.actor, "meeting.manage", loaded.subject);
    if (!row) throw notFound("この会議体の構成団体");
    if (loaded.row.status !== "announced" && loaded.row.status !== "held")
      throw conflict("出席の確認は開催通知後から開催済みまでの会議で行えます。");
    const present = input.present === null ? null : input.present ? 1 : 0;
    await upsertAttendance(tx, { ...current, present, roll_by: tx.actor.userId, roll_at: nowIso() });
    await recordAudit(tx, "attendance.roll", { type: "meeting", id: meetingId }, { orgId, present: input.present });
    return listAttendance(tx, meetingId);
  });
}

const header = ["団体", "役職", "回答", "出席者", "備考", "回答日時", "当日の出席"];

async function exportRows(ctx: Ctx, meetingId: string) {
  const loaded = await visibleMeeting(ctx, meetingId);
  authorize(ctx.actor, "meeting.manage", loaded.subject);
  const list = await listAttendance(ctx, meetingId);
  const rows: XlsxValue[][] = list.items.map((i) => [
    i.org.name,
    positionLabels[i.position as keyof typeof positionLabels]?.ja ?? i.position,
    i.mode ? `${attendanceModeLabels[i.mode].ja}${i.onBehalf ? "（事務局が代理入力）" : ""}` : "未回答",
    i.attendees.join("、"),
    i.note,
    excelTime(i.answeredAt),
    i.present === null ? "" : i.present ? "出席" : "欠席",
  ]);
  return { name: meetingName(loaded.row, loaded.body.name), rows };
}

/** The attendance list as CSV, UTF-8 with a BOM so Excel reads the Japanese. */
export async function attendanceCsv(ctx: Ctx, meetingId: string) {
  const { name, rows } = await exportRows(ctx, meetingId);
  return csvDownload(csvBytes([header, ...rows].map((r) => r.map(csvValue))), `${name}_出欠.csv`);
}

/** The attendance list as XLSX: the meeting's name above the table, printed on A4 landscape with the header on every page. */
export async function attendanceXlsx(ctx: Ctx, meetingId: string) {
  const { name, rows } = await exportRows(ctx, meetingId);
  const bytes = await workbookBuffer([
    {
      name: sheetNamer()("出欠"),
      rows: [[name], [], header, ...rows],
      headerRows: 3,
      titleRows: 1,
      widths: [18, 12, 16, 30, 24, 18, 12],
    },
  ]);
  return { filename: `${name}_出欠.xlsx`, contentType: xlsxMime, body: bytes } satisfies Download;
}
