import { addDays } from "../../../shared/dates/calendar.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { recordAudit } from "../../platform/audit/record.js";
import { newSecret, sha256 } from "../../platform/auth/tokens.js";
import { type Ctx, inTx } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import type { Download } from "../../platform/files/download.js";
import type { MailAttachment } from "../notifications/index.js";
import { actorOfUser } from "../users/index.js";
import { visibleMeeting } from "./access.js";
import { buildCalendar, type IcsEvent } from "./ics.js";
import { visibleMeetingList } from "./meetings.js";
import { meetingName } from "./naming.js";
import { disclosedAgenda } from "./present.js";
import { listAgendaRows, type MeetingRow } from "./repo.js";
import { findCalendarUser, setCalendarToken } from "./repo-follow.js";

const icsStatus = (s: MeetingRow["status"]): IcsEvent["status"] =>
  s === "cancelled" ? "CANCELLED" : s === "draft" ? "TENTATIVE" : "CONFIRMED";

function event(
  ctx: Ctx,
  m: {
    id: string;
    name: string;
    startsAt: string;
    endsAt: string;
    place: string;
    onlineUrl: string | null;
    status: MeetingRow["status"];
    updatedAt: string;
  },
  agenda: string[] = [],
): IcsEvent {
  const link = `${ctx.config.publicUrl}/meetings/${m.id}`;
  return {
    uid: `meeting-${m.id}@renkei`,
    start: m.startsAt,
    end: m.endsAt,
    summary: m.name,
    location: [m.place, m.onlineUrl].filter(Boolean).join(" / "),
    description: [...agenda.map((a, i) => `${i + 1} ${a}`), link].join("\n"),
    url: link,
    status: icsStatus(m.status),
    // Seconds since 2020 grow with every change, so calendars replace the older copy.
    sequence: Math.max(0, Math.floor((Date.parse(m.updatedAt) - Date.UTC(2020, 0, 1)) / 1000)),
    lastModified: m.updatedAt,
  };
}

/**
 * One meeting as an .ics file. `cancel` writes the iTIP cancellation (METHOD:CANCEL, STATUS:CANCELLED,
 * the same UID and a higher SEQUENCE) that calendar programs apply to the copy they already have.
 */
async function meetingIcs(ctx: Ctx, id: string, opts: { cancel?: boolean } = {}) {
  const { row, body, subject } = await visibleMeeting(ctx, id);
  const agenda = disclosedAgenda(ctx.actor, subject, await listAgendaRows(ctx, id))
    .filter((a) => a.status === "accepted")
    .map((a) => a.title);
  const name = meetingName(row, body.name);
  const ev = event(
    ctx,
    {
      id,
      name,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      place: row.place,
      onlineUrl: row.online_url,
      status: row.status,
      updatedAt: row.updated_at,
    },
    agenda,
  );
  const text = buildCalendar(name, [ev], opts.cancel ? { method: "CANCEL", organizer: ctx.config.mailFrom } : {});
  return { text, fileName: `${name}.ics` };
}

const icsMime = "text/calendar; charset=utf-8";

/** The meeting's .ics to download. */
export async function meetingIcsDownload(ctx: Ctx, id: string): Promise<Download> {
  const { text, fileName } = await meetingIcs(ctx, id);
  return { filename: fileName, contentType: icsMime, body: text };
}

/** The meeting as a mail attachment: announcements carry it to add, cancellations to remove. */
export async function meetingIcsAttachment(ctx: Ctx, id: string, opts: { cancel?: boolean } = {}): Promise<MailAttachment> {
  const { text, fileName } = await meetingIcs(ctx, id, opts);
  return {
    filename: fileName.replace(/[\\/:*?"<>|]/g, "_"),
    contentType: `text/calendar; charset=utf-8; method=${opts.cancel ? "CANCEL" : "PUBLISH"}`,
    content: text,
  };
}

/** How often subscribed calendar programs should fetch the personal feed again. */
const FEED_REFRESH = "PT1H";

export async function feedStatus(ctx: Ctx) {
  const user = await findCalendarUser(ctx, { id: ctx.actor!.userId });
  return { active: !!user?.calendar_token };
}

/** Issues a new secret feed URL (any earlier one stops working). Only the token's hash is stored. */
export async function createFeed(ctx: Ctx) {
  const token = newSecret();
  await inTx(ctx, async (tx) => {
    await setCalendarToken(tx, tx.actor!.userId, sha256(token));
    await recordAudit(tx, "calendar.createFeed", { type: "user", id: tx.actor!.userId });
  });
  return { token, url: `${ctx.config.publicUrl}/api/calendar/feed/${token}.ics` };
}

export async function revokeFeed(ctx: Ctx) {
  await inTx(ctx, async (tx) => {
    await setCalendarToken(tx, tx.actor!.userId, null);
    await recordAudit(tx, "calendar.revokeFeed", { type: "user", id: tx.actor!.userId });
  });
  return { active: false };
}

/**
 * The personal feed, reached without a session: the secret token stands for the user, who sees
 * exactly the meetings they would see signed in (a year back and ahead). A revoked or unknown token is 404.
 */
export async function personalFeed(ctx: Ctx, token: string): Promise<Download> {
  const user = token.length >= 20 ? await findCalendarUser(ctx, { tokenHash: sha256(token) }) : undefined;
  if (user?.status !== "active") throw notFound("カレンダー");
  const as: Ctx = { ...ctx, actor: actorOfUser(user) };
  const day = (offset: number) => addDays(jstDate(), offset);
  const items = await visibleMeetingList(as, { from: day(-366), to: day(366) });
  const events = items.map((m) => event(as, m));
  const text = buildCalendar(`Renkei 会議（${user.name}）`, events, { refresh: FEED_REFRESH });
  return { filename: "renkei.ics", contentType: icsMime, body: text, inline: true };
}
