import { PDFDocument, StandardFonts } from "pdf-lib";
import { addDays } from "../../../shared/dates/calendar.js";
import { jstDate, jstInstant } from "../../../shared/dates/jst.js";
import type { TestEnv } from "../../platform/testing/harness.js";

/** A small PDF whose pages say "<label> page N" (for pack and ZIP tests, and the benchmark). */
export async function samplePdf(label: string, pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++)
    doc.addPage([595.28, 841.89]).drawText(`${label} page ${i}`, { x: 60, y: 760, size: 18, font });
  return Buffer.from(await doc.save());
}

/** An ISO instant n days from now at hh:00 Japan time. */
export function jst(daysFromNow: number, hour: number): string {
  return jstInstant(addDays(jstDate(), daysFromNow), `${hour}:00`).toISOString();
}

/** Creates a meeting through the API as the secretariat, with a proposal window open for a week. */
export async function makeMeeting(env: TestEnv, bodyId: string, over: Record<string, unknown> = {}) {
  const sec = await env.as("secretariat@example.jp");
  const res = await sec.post("/api/meetings", {
    bodyId,
    kind: "hybrid",
    startsAt: jst(30, 14),
    endsAt: jst(30, 16),
    place: "山口県庁 共用第1会議室",
    onlineUrl: "https://meet.example.jp/renkei",
    proposalDeadline: jst(7, 17),
    ...over,
  });
  if (res.status !== 201) throw new Error(`makeMeeting: ${res.status} ${res.text}`);
  return res.body as { id: string; name: string; [k: string]: any };
}

/** Time passes: the meeting's start moves to yesterday (a meeting can only be marked held once it has started). */
export async function startedYesterday(env: TestEnv, meetingId: string) {
  await env.ctx.db
    .updateTable("meetings")
    .set({ starts_at: jst(-1, 14), ends_at: jst(-1, 16), proposal_deadline: null, attendance_deadline: null })
    .where("id", "=", meetingId)
    .execute();
}
