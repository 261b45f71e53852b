import { beforeAll, describe, expect, it } from "vitest";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { makeMeeting } from "../meetings/test-support.js";
import { publishedSurvey } from "../surveys/test-helpers.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

/** 「令和8年12月25日（金）17時」 */
const warekiWithWeekday = /令和\d+年\d{1,2}月\d{1,2}日（[日月火水木金土]）\d{1,2}時/;

const mailsTo = (address: string, subjectPart: string) =>
  env.database.db
    .selectFrom("mail_outbox")
    .select(["subject", "text"])
    .where("to_address", "=", address)
    .where("subject", "like", `%${subjectPart}%`)
    .orderBy("created_at", "desc")
    .execute();

const outboxCount = async () =>
  Number(
    (
      await env.database.db
        .selectFrom("mail_outbox")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("開催通知 in 公用文", () => {
  it("previews recipients and text without sending; the mail has 宛名, 前文, 会議名, 議題, 出欠期限 with weekday and 問合せ先", async () => {
    const sec = await env.as("secretariat@example.jp");
    const m = await makeMeeting(env, env.demo.bodies.council);
    await sec.post(`/api/meetings/${m.id}/agenda`, { title: "ガバメントクラウド移行の進捗共有", minutesRequested: 30 });
    const before = await outboxCount();

    const preview = await sec.post(`/api/meetings/${m.id}/announce/preview`, {});
    expect(preview.status).toBe(200);
    expect(await outboxCount()).toBe(before);
    expect(preview.body.recipients.map((r: { email: string }) => r.email)).toContain("abu@example.jp");
    expect(preview.body.subject).toBe(`【開催通知】${m.name}の開催について`);

    const sent = await sec.post(`/api/meetings/${m.id}/announce`, {});
    expect(sent.status).toBe(200);
    const [mail] = await mailsTo("abu@example.jp", "開催通知");
    expect(mail).toBeDefined();
    const text = mail!.text;
    // 宛名 first, then 差出人, 標題, 前文, 記 … 以上, 問合せ先: in that order.
    const order = [
      "阿武町\n",
      "様",
      "山口県　総合企画部 デジタル推進局 デジタル政策課",
      `${m.name}の開催について（通知）`,
      "平素より",
      "記",
      "１　日時",
      "３　議題",
      "（1）ガバメントクラウド移行の進捗共有",
      "４　出欠の回答期限",
      "以上",
      "【問合せ先】",
      "電話：083-933-2550",
    ].map((s) => text.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toMatch(warekiWithWeekday);
    expect(text).toContain(`${env.config.publicUrl}/meetings/${m.id}`);
    expect(text).not.toMatch(/\{[^}]+\}/);
  });

  it("sends the text adjusted for this sending, and refuses an unknown placeholder (400, nothing sent)", async () => {
    const sec = await env.as("secretariat@example.jp");
    const m = await makeMeeting(env, env.demo.bodies.council);
    const before = await outboxCount();
    const typo = await sec.post(`/api/meetings/${m.id}/announce`, { mail: { subject: "{会議明}", body: "{宛名}" } });
    expect(typo.status).toBe(400);
    expect(typo.body.error.message).toContain("{会議明}");
    expect(await outboxCount()).toBe(before);
    expect((await sec.get(`/api/meetings/${m.id}`)).body.status).toBe("draft");

    const mail = {
      subject: "【開催通知】{会議名}（会場変更後の御案内）",
      body: "{宛名}\n\n　会場を変更して開催します。\n{日時}\n\n{連絡先}",
    };
    const preview = await sec.post(`/api/meetings/${m.id}/announce/preview`, { mail });
    expect(preview.body.body).toContain("会場を変更して開催します");
    expect((await sec.post(`/api/meetings/${m.id}/announce`, { mail })).status).toBe(200);
    const [got] = await mailsTo("abu@example.jp", "会場変更後の御案内");
    expect(got?.subject).toBe(`【開催通知】${m.name}（会場変更後の御案内）`);
    expect(got?.text).toMatch(warekiWithWeekday);
    expect(got?.text).toContain("083-933-2550");
  });

  it("only the secretariat may preview: a town gets 403", async () => {
    const m = await makeMeeting(env, env.demo.bodies.council);
    const abu = await env.as("abu@example.jp");
    expect((await abu.post(`/api/meetings/${m.id}/announce/preview`, {})).status).toBe(403);
  });
});

describe("survey mails and the prefecture's own texts", () => {
  it("照会の依頼, 督促 and 回答へのお礼 name the survey and its deadline in 和暦 with weekday", async () => {
    const survey = await publishedSurvey(env, { title: "窓口DXの取組状況調査" });
    const [request] = await mailsTo("abu@example.jp", "窓口DXの取組状況調査について（依頼）");
    expect(request?.text).toContain("平素より");
    expect(request?.text).toMatch(/３　回答期限　令和\d+年\d{1,2}月\d{1,2}日（[日月火水木金土]）17時/);

    const sec = await env.as("secretariat@example.jp");
    expect((await sec.post(`/api/surveys/${survey.id}/remind`, { orgIds: [env.demo.orgs.阿武町] })).status).toBe(200);
    const [reminder] = await mailsTo("abu@example.jp", "【回答のお願い】窓口DXの取組状況調査");
    expect(reminder?.text).toContain("行き違いに");
    expect(reminder?.text).toMatch(warekiWithWeekday);
  });

  it("an admin rewrites a template (audited); the next mail uses it; a town may not; reset restores the built-in text", async () => {
    const admin = await env.as("admin@example.jp");
    const abu = await env.as("abu@example.jp");
    const text = {
      subject: "【至急】{照会名}の御回答について",
      body: "{宛名}\n\n　{照会名}の回答期限は{期限}です。\n\n{連絡先}",
    };
    expect((await abu.put("/api/mail-templates/survey.reminder", text)).status).toBe(403);
    const bad = await admin.put("/api/mail-templates/survey.reminder", { ...text, body: "{会議名}" });
    expect(bad.status).toBe(400);
    const saved = await admin.put("/api/mail-templates/survey.reminder", text);
    expect(saved.status).toBe(200);
    expect(saved.body.items.find((i: { key: string }) => i.key === "survey.reminder")).toMatchObject({ customised: true });
    expect((await lastAudit(env, "mail.template.update"))?.changes).toContain("survey.reminder");

    const survey = await publishedSurvey(env, { title: "オンライン申請の件数調査" });
    const sec = await env.as("secretariat@example.jp");
    await sec.post(`/api/surveys/${survey.id}/remind`, { orgIds: [env.demo.orgs.阿武町] });
    const [mail] = await mailsTo("abu@example.jp", "【至急】オンライン申請の件数調査");
    expect(mail?.text).toMatch(/オンライン申請の件数調査の回答期限は令和\d+年\d{1,2}月\d{1,2}日（[日月火水木金土]）17時です。/);

    const reset = await admin.delete("/api/mail-templates/survey.reminder");
    expect(reset.body.items.find((i: { key: string }) => i.key === "survey.reminder")).toMatchObject({
      customised: false,
      subject: "【回答のお願い】{照会名}について",
    });
  });

  it("the 問合せ先 comes from the prefecture's contact data, which staff edit (400 for a bad address, 403 for a town)", async () => {
    const sec = await env.as("secretariat@example.jp");
    const abu = await env.as("abu@example.jp");
    const pref = env.demo.orgs.山口県;
    const contact = {
      department: "総合企画部 デジタル推進局 デジタル政策課",
      person: "連携会議 事務局（山口）",
      phone: "083-933-2551",
      email: "renkei@example.jp",
      address: "〒753-8501 山口市滝町1番1号",
    };
    expect((await abu.put(`/api/orgs/${pref}/contact`, contact)).status).toBe(403);
    expect((await sec.put(`/api/orgs/${pref}/contact`, { ...contact, email: "not-an-address" })).status).toBe(400);
    expect((await sec.put(`/api/orgs/${pref}/contact`, contact)).body.phone).toBe("083-933-2551");
    expect((await abu.get(`/api/orgs/${pref}/contact`)).body.person).toBe("連携会議 事務局（山口）");
    const m = await makeMeeting(env, env.demo.bodies.council);
    const preview = await sec.post(`/api/meetings/${m.id}/announce/preview`, {});
    expect(preview.body.body).toContain("担当：連携会議 事務局（山口）\n所在地：〒753-8501 山口市滝町1番1号\n電話：083-933-2551");
  });
});
