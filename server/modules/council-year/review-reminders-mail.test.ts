import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { type CapturedMail, startSmtpCapture } from "../../platform/testing/smtp-capture.js";
import { jst, makeMeeting, startedYesterday } from "../meetings/test-support.js";
import { sendReviewReminders } from "./review-reminders.js";

/** The minutes review reminder over a real SMTP exchange: delivered once, in 公用文. */
let env: TestEnv;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let inbox: CapturedMail[];

beforeAll(async () => {
  smtp = await startSmtpCapture();
  inbox = smtp.inbox;
  env = await testEnv({ SMTP_URL: smtp.url, MAIL_FROM: "Renkei <noreply@pref.yamaguchi.example>" });
});
afterAll(() => smtp.close());

describe("minutes review reminder mail", () => {
  it("reaches the SMTP server once for a reviewer that has not answered, never for one that has", async () => {
    const sec = await env.as("secretariat@example.jp");
    const m = await makeMeeting(env, env.demo.bodies.council);
    await sec.post(`/api/meetings/${m.id}/announce`);
    await startedYesterday(env, m.id);
    await sec.post(`/api/meetings/${m.id}/held`);
    await sec.put(`/api/meetings/${m.id}/minutes`, {
      bodyMd: "○阿武町　予約制を始めたい。\n\n○周南市　共同調達を検討している。",
      outcomes: {},
    });
    const review = await sec.post(`/api/meetings/${m.id}/minutes/review`, { deadline: jst(1, 17) });
    expect(review.status).toBe(201);
    const abu = await env.as("abu@example.jp");
    expect((await abu.post(`/api/minutes-reviews/${review.body.current.id}/answer`, { outcome: "no_change" })).status).toBe(200);

    await sendReviewReminders(env.ctx);
    await env.worker.runOnce();
    await sendReviewReminders(env.ctx);
    await env.worker.runOnce();

    const subject = `【確認のお願い】${m.name}の議事録（案）について`;
    const toShunan = inbox.filter((x) => x.to.includes("shunan@example.jp") && x.subject === subject);
    expect(toShunan).toHaveLength(1);
    const mail = toShunan[0]!.mail;
    expect(mail.headers.get("auto-submitted")).toBe("auto-generated");
    expect(mail.text).toContain("周南市");
    expect(mail.text).toContain("「修正なし」又は「提案を送信して完了」を選んでくださいますようお願いします。");
    expect(mail.text).toMatch(/１　会議の開催日　令和\d+年\d+月\d+日（.）/);
    expect(mail.text).toContain(`/meetings/${m.id}/minutes/review`);
    expect(inbox.some((x) => x.to.includes("abu@example.jp") && x.subject === subject)).toBe(false);
  }, 60_000);
});
