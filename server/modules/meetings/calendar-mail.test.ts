import ical, { type VEvent } from "node-ical";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { type CapturedMail, startSmtpCapture } from "../../platform/testing/smtp-capture.js";
import { makeMeeting } from "./test-support.js";

/** Announcements and cancellations over a real SMTP exchange, the .ics read back with node-ical. */
let env: TestEnv;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let inbox: CapturedMail[];

beforeAll(async () => {
  smtp = await startSmtpCapture();
  inbox = smtp.inbox;
  env = await testEnv({ SMTP_URL: smtp.url, MAIL_FROM: "Renkei <noreply@pref.yamaguchi.example>" });
});
afterAll(() => smtp.close());

const deliver = () => env.worker.runOnce(); // runs every due job, mail delivery included
const mailFor = (address: string, subject: string) =>
  inbox.find((m) => m.to.includes(address) && m.subject.includes(subject))?.mail;
const eventOf = (text: string) => {
  const parsed = ical.sync.parseICS(text);
  const ev = Object.values(parsed).find((c) => c?.type === "VEVENT") as VEvent;
  return { ev, method: (parsed.vcalendar as unknown as { method: string }).method };
};

describe("meeting mails and calendars", () => {
  it("sends the announcement with the meeting as .ics, and the cancellation as an iTIP CANCEL of the same event", async () => {
    const sec = await env.as("secretariat@example.jp");
    const m = await makeMeeting(env, env.demo.bodies.council, { place: "山口県庁\r共用第1会議室" });
    expect((await sec.post(`/api/meetings/${m.id}/announce`)).status).toBe(200);
    await deliver();
    const announced = mailFor("abu@example.jp", "開催通知");
    expect(announced).toBeTruthy();
    expect(announced!.headers.get("auto-submitted")).toBe("auto-generated");
    const ics = announced!.attachments.find((a) => a.contentType === "text/calendar");
    expect(ics?.filename).toMatch(/\.ics$/);
    const first = ics!.content.toString("utf8");
    expect(first).not.toMatch(/\r(?!\n)/); // the lone CR typed into the place never reaches a line
    const a = eventOf(first);
    expect(a.method).toBe("PUBLISH");
    expect(a.ev.uid).toBe(`meeting-${m.id}@renkei`);
    expect(a.ev.summary).toBe(m.name);
    expect(a.ev.location).toContain("山口県庁\n共用第1会議室");
    expect(a.ev.start.toISOString()).toBe(new Date(m.startsAt).toISOString());

    await new Promise((r) => setTimeout(r, 1100)); // SEQUENCE counts seconds of change
    expect((await sec.post(`/api/meetings/${m.id}/cancel`, { reason: "台風の接近のため" })).status).toBe(200);
    await deliver();
    const cancelled = mailFor("abu@example.jp", "中止");
    expect(cancelled!.headers.get("auto-submitted")).toBe("auto-generated");
    const att = cancelled!.attachments.find((x) => x.contentType === "text/calendar")!;
    const c = eventOf(att.content.toString("utf8"));
    expect(c.method).toBe("CANCEL");
    expect(c.ev.status).toBe("CANCELLED");
    expect(c.ev.uid).toBe(a.ev.uid);
    expect(Number(c.ev.sequence)).toBeGreaterThan(Number(a.ev.sequence));
    expect(String((c.ev.organizer as unknown as { val: string }).val)).toBe("mailto:noreply@pref.yamaguchi.example");
  }, 60_000);

  it("tells calendar programs how often to refresh the personal feed", async () => {
    const abu = await env.as("abu@example.jp");
    const { url } = (await abu.post("/api/calendar/feed")).body;
    const feed = await env.app.inject({ method: "GET", url: new URL(url).pathname });
    expect(feed.statusCode).toBe(200);
    const parsed = ical.sync.parseICS(feed.body) as unknown as Record<string, { val?: string; "PUBLISHED-TTL"?: string }>;
    expect(parsed["refresh-interval"]?.val).toBe("PT1H");
    expect(parsed.vcalendar?.["PUBLISHED-TTL"]).toBe("PT1H");
  });
});
