import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTx } from "../../platform/context.js";
import { auditMark, auditSince, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { startSmtpCapture } from "../../platform/testing/smtp-capture.js";
import { notify, sendDigests } from "./service.js";

let env: TestEnv;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
const inbox = () => smtp.inbox;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  env = await testEnv({ SMTP_URL: smtp.url, MAIL_FROM: "Renkei <noreply@pref.yamaguchi.example>" });
});
afterAll(() => smtp.close());

describe("notifications", () => {
  it("delivers an in-app notification and an e-mail over real SMTP with Japanese text", async () => {
    const abuId = env.demo.users["abu@example.jp"]!;
    await inTx(env.ctx, (tx) =>
      notify(tx, {
        userIds: [abuId],
        category: "meeting",
        title: "第2回連携会議の開催のお知らせ",
        body: "議題の提案を受け付けています。",
        link: "/bodies",
      }),
    );
    await env.worker.runOnce();
    const mail = inbox().find((m) => m.to.includes("abu@example.jp"));
    expect(mail?.subject).toBe("【Renkei】第2回連携会議の開催のお知らせ");
    expect(mail?.text).toContain("阿武 由美 様");
    expect(mail?.text).toContain("議題の提案を受け付けています。");

    const abu = await env.as("abu@example.jp");
    expect((await abu.get("/api/notifications/unread-count")).body.count).toBe(1);
    const list = await abu.get("/api/notifications");
    expect(list.body.items[0]).toMatchObject({ category: "meeting", title: "第2回連携会議の開催のお知らせ", readAt: null });
    const mark = await auditMark(env);
    expect((await abu.post(`/api/notifications/${list.body.items[0].id}/read`)).status).toBe(200);
    expect((await abu.get("/api/notifications/unread-count")).body.count).toBe(0);
    expect(await auditSince(env, mark, "notification.read")).toEqual([
      { actor: env.demo.users["abu@example.jp"], subject: { type: "notification", id: list.body.items[0].id }, changes: null },
    ]);
  });

  it("retries a failed delivery through the job queue", async () => {
    smtp.refuseNext(1);
    await inTx(env.ctx, (tx) =>
      notify(tx, { orgIds: [env.demo.orgs["上関町"]!], category: "notice", title: "再送テスト", body: "本文" }),
    );
    await env.worker.runOnce();
    const outbox = () =>
      env.database.db
        .selectFrom("mail_outbox")
        .selectAll()
        .where("subject", "=", "【Renkei】再送テスト")
        .executeTakeFirstOrThrow();
    expect((await outbox()).status).toBe("failed");
    // Pull the retry forward instead of waiting for the backoff.
    await env.database.db
      .updateTable("jobs")
      .set({ run_at: new Date(0).toISOString() })
      .where("status", "=", "queued")
      .execute();
    await env.worker.runOnce();
    expect((await outbox()).status).toBe("sent");
    expect(inbox().filter((m) => m.subject === "【Renkei】再送テスト")).toHaveLength(1);
  });

  it("honours per-category preferences: off, and the daily digest", async () => {
    const shunan = await env.as("shunan@example.jp");
    const put = await shunan.put("/api/me/notification-prefs", { prefs: { survey: "digest", notice: "off" } });
    expect(put.body.prefs).toMatchObject({ survey: "digest", notice: "off", meeting: "immediate" });
    const id = env.demo.users["shunan@example.jp"]!;
    const before = inbox().length;
    await inTx(env.ctx, async (tx) => {
      await notify(tx, { userIds: [id], category: "survey", title: "照会Aのお知らせ", body: "回答してください" });
      await notify(tx, { userIds: [id], category: "survey", title: "照会Bのお知らせ", body: "回答してください" });
      await notify(tx, { userIds: [id], category: "notice", title: "通知オフのお知らせ", body: "x" });
    });
    await env.worker.runOnce();
    expect(inbox().length).toBe(before);
    expect((await shunan.get("/api/notifications/unread-count")).body.count).toBe(3);

    await sendDigests(env.ctx);
    await env.worker.runOnce();
    const digest = inbox().find((m) => m.to.includes("shunan@example.jp") && m.subject.includes("本日のお知らせ"));
    expect(digest?.subject).toBe("【Renkei】本日のお知らせ（2件）");
    expect(digest?.text).toContain("照会Aのお知らせ");
    expect(digest?.text).not.toContain("通知オフ");
    await sendDigests(env.ctx);
    await env.worker.runOnce();
    expect(inbox().filter((m) => m.subject.includes("本日のお知らせ"))).toHaveLength(1);
  });

  it("shows the outbox to admins only; a notification of someone else is 404", async () => {
    const admin = await env.as("admin@example.jp");
    const outbox = await admin.get("/api/mail/outbox");
    expect(outbox.status).toBe(200);
    expect(outbox.body.items.some((m: { status: string }) => m.status === "sent")).toBe(true);
    const sec = await env.as("secretariat@example.jp");
    expect((await sec.get("/api/mail/outbox")).status).toBe(403);
    expect((await env.anon.get("/api/notifications")).status).toBe(401);
    const abuNote = await env.database.db
      .selectFrom("notifications")
      .select("id")
      .where("user_id", "=", env.demo.users["abu@example.jp"]!)
      .executeTakeFirstOrThrow();
    expect((await sec.post(`/api/notifications/${abuNote.id}/read`)).status).toBe(404);
  });
});
