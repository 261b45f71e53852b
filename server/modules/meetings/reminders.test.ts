import { beforeAll, describe, expect, it } from "vitest";
import { jstInstant } from "../../../shared/dates/jst.js";
import { type Client, lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { sendMeetingReminders } from "./reminders.js";
import { jst, makeMeeting } from "./test-support.js";

let env: TestEnv;
let sec: Client;
beforeAll(async () => {
  env = await testEnv();
  sec = await env.as("secretariat@example.jp");
});

const userId = (email: string) => env.demo.users[email]!;
const notesOf = (email: string, meetingId: string) =>
  env.ctx.db
    .selectFrom("notifications")
    .select(["title", "body"])
    .where("user_id", "=", userId(email))
    .where("link", "=", `/meetings/${meetingId}`)
    .execute();
const mailsTo = (email: string, subject: string) =>
  env.ctx.db
    .selectFrom("mail_outbox")
    .select(["subject", "text"])
    .where("to_address", "=", email)
    .where("subject", "like", `%${subject}%`)
    .execute();
const remindedOf = async (meetingId: string, kind: "attendance" | "proposal") =>
  (
    await env.ctx.db
      .selectFrom("meeting_reminders")
      .select("user_id")
      .where("meeting_id", "=", meetingId)
      .where("kind", "=", kind)
      .execute()
  ).map((r) => r.user_id);

describe("meeting reminders", () => {
  it("remind the people of organisations that have not answered attendance, once per person, by mail in 公用文", async () => {
    const m = await makeMeeting(env, env.demo.bodies.council, {
      startsAt: jst(6, 14),
      endsAt: jst(6, 16),
      attendanceDeadline: jst(1, 17),
      proposalDeadline: null,
    });
    expect((await sec.post(`/api/meetings/${m.id}/announce`)).status).toBe(200);
    const abu = await env.as("abu@example.jp");
    await abu.put(`/api/meetings/${m.id}/attendance/${env.demo.orgs.阿武町}`, { mode: "online", attendees: ["阿武 由美"] });

    await sendMeetingReminders(env.ctx);
    const reminded = await remindedOf(m.id, "attendance");
    expect(reminded).toContain(userId("shunan@example.jp"));
    expect(reminded).not.toContain(userId("abu@example.jp"));
    expect(reminded).not.toContain(userId("abu2@example.jp"));
    const note = (await notesOf("shunan@example.jp", m.id)).find((n) => n.title.startsWith("出欠の回答をお願いします"));
    expect(note?.title).toBe(`出欠の回答をお願いします：${m.name}`);
    expect(note?.body).toMatch(/^出欠の回答期限：令和\d+年\d+月\d+日（.）17時$/);
    expect((await notesOf("abu@example.jp", m.id)).some((n) => n.title.startsWith("出欠の回答"))).toBe(false);

    const [mail] = await mailsTo("shunan@example.jp", "出欠について");
    expect(mail?.subject).toBe(`【回答のお願い】${m.name}の出欠について`);
    expect(mail?.text).toContain(`${m.name}の出欠の回答について（お願い）`);
    expect(mail?.text).toContain("現時点で貴団体の出欠の回答を確認できておりません。");
    expect(mail?.text).toMatch(/３　出欠の回答期限　令和\d+年\d+月\d+日（.）17時/);
    expect(mail?.text).toContain(`/meetings/${m.id}`);
    expect(mail?.text).toContain("以上");
    const audit = await lastAudit(env, "meeting.remind.attendance");
    expect(audit?.subject_id).toBe(m.id);
    expect(JSON.parse(audit!.changes!).userIds).toEqual(reminded);

    // The next morning's sweep sends nothing again to the same people.
    await sendMeetingReminders(env.ctx);
    expect((await remindedOf(m.id, "attendance")).sort()).toEqual([...reminded].sort());
    expect(await mailsTo("shunan@example.jp", "出欠について")).toHaveLength(1);
  });

  it("does not remind before the window (more than two business days ahead) nor for a draft", async () => {
    const far = await makeMeeting(env, env.demo.bodies.council, {
      startsAt: jst(20, 14),
      endsAt: jst(20, 16),
      attendanceDeadline: jst(15, 17),
      proposalDeadline: null,
    });
    await sec.post(`/api/meetings/${far.id}/announce`);
    const draft = await makeMeeting(env, env.demo.bodies.council, {
      startsAt: jst(1, 18),
      endsAt: jst(1, 19),
      proposalDeadline: null,
    });
    await sendMeetingReminders(env.ctx);
    expect(await remindedOf(far.id, "attendance")).toEqual([]);
    expect(await remindedOf(draft.id, "attendance")).toEqual([]);
  });

  it("remind members that have not proposed an item when the proposal deadline is near", async () => {
    const m = await makeMeeting(env, env.demo.bodies.council, {
      startsAt: jst(10, 14),
      endsAt: jst(10, 16),
      proposalDeadline: jst(1, 17),
    });
    const kaminoseki = await env.as("kaminoseki@example.jp");
    expect(
      (await kaminoseki.post(`/api/meetings/${m.id}/proposals`, { title: "窓口DXの共同調達", minutesRequested: 10 })).status,
    ).toBe(201);
    await sendMeetingReminders(env.ctx);
    const reminded = await remindedOf(m.id, "proposal");
    expect(reminded).toContain(userId("abu@example.jp"));
    expect(reminded).not.toContain(userId("kaminoseki@example.jp"));
    const [mail] = await mailsTo("abu@example.jp", "議題の提案について");
    expect(mail?.subject).toBe(`【議題提案の締切】${m.name}の議題の提案について`);
    expect(mail?.text).toMatch(/標記の会議の議題の提案は、令和\d+年\d+月\d+日（.）17時に締め切ります。/);
    expect(mail?.text).toContain("２　議題の提案期限");
    expect((await lastAudit(env, "meeting.remind.proposal"))?.subject_id).toBe(m.id);
    await sendMeetingReminders(env.ctx);
    expect(await mailsTo("abu@example.jp", "議題の提案について")).toHaveLength(1);
  });

  it("the templates are listed for the prefecture to rewrite", async () => {
    const admin = await env.as("admin@example.jp");
    const res = await admin.get("/api/mail-templates");
    expect(res.status).toBe(200);
    const keys = (res.body.items ?? res.body).map((t: { key: string }) => t.key);
    expect(keys).toEqual(expect.arrayContaining(["meeting.attendanceReminder", "meeting.proposalReminder"]));
  });
});

const at = (ymd: string, hh = "14:00") => jstInstant(ymd, hh).toISOString();
const end = (ymd: string) => at(ymd, "16:00");

describe("第M回 follows the dates within a fiscal year", () => {
  it("numbers drafts by date, renumbers them when a date moves, and never renumbers an announced meeting", async () => {
    const body = env.demo.bodies.wgRpa!;
    const mk = async (ymd: string) =>
      await makeMeeting(env, body, { startsAt: at(ymd), endsAt: end(ymd), proposalDeadline: null });
    const july = await mk("2030-07-10");
    const may = await mk("2030-05-15");
    const seqOf = async (id: string) => (await sec.get(`/api/meetings/${id}`)).body.seq as number;
    expect(await seqOf(may.id)).toBe(1);
    expect(await seqOf(july.id)).toBe(2);
    expect((await lastAudit(env, "meeting.renumber"))?.changes).toContain(july.id);

    // The May meeting moves to September: the July one becomes 第1回.
    const moved = await sec.patch(`/api/meetings/${may.id}`, { startsAt: at("2030-09-11"), endsAt: end("2030-09-11") });
    expect(moved.status).toBe(200);
    expect(moved.body.seq).toBe(2);
    expect(moved.body.name).toContain("第2回");
    expect(await seqOf(july.id)).toBe(1);

    // Announced, the July meeting keeps 第1回 even when a draft is set before it.
    expect((await sec.post(`/api/meetings/${july.id}/announce`)).status).toBe(200);
    const june = await mk("2030-06-12");
    expect(await seqOf(july.id)).toBe(1);
    expect(await seqOf(june.id)).toBe(2);
    expect(await seqOf(may.id)).toBe(3);
    // An announced meeting cannot leave its fiscal year (its number has gone out): 409, nothing changed.
    const across = await sec.patch(`/api/meetings/${july.id}`, { startsAt: at("2031-05-14"), endsAt: end("2031-05-14") });
    expect(across.status).toBe(409);
    expect(across.body.error.message).toContain("年度をまたいで");
    expect((await sec.get(`/api/meetings/${july.id}`)).body.startsAt).toBe(at("2030-07-10"));

    // A cancelled draft gives its number back.
    expect((await sec.post(`/api/meetings/${june.id}/cancel`, { reason: "日程の再調整のため" })).status).toBe(200);
    expect(await seqOf(may.id)).toBe(2);
  });

  it("a town cannot move a meeting (403), and a body it cannot see is 404", async () => {
    const m = await makeMeeting(env, env.demo.bodies.council);
    const abu = await env.as("abu@example.jp");
    expect((await abu.patch(`/api/meetings/${m.id}`, { startsAt: at("2030-06-12"), endsAt: end("2030-06-12") })).status).toBe(
      403,
    );
    expect((await env.anon.patch(`/api/meetings/${m.id}`, { place: "別室" })).status).toBe(401);
  });
});

describe("a warning when a meeting falls on a holiday or 12/29–1/3", () => {
  it("names the holiday and the year-end closure; a business day has none", async () => {
    const council = env.demo.bodies.council;
    const holiday = await makeMeeting(env, council, {
      startsAt: at("2030-11-04"),
      endsAt: end("2030-11-04"),
      proposalDeadline: null,
    });
    expect(holiday.dateWarning).toBe("祝日（文化の日 振替休日）");
    const yearEnd = await makeMeeting(env, council, {
      startsAt: at("2030-01-02"),
      endsAt: end("2030-01-02"),
      proposalDeadline: null,
    });
    expect(yearEnd.dateWarning).toBe("年末年始の閉庁日（12月29日〜1月3日）");
    const january = async () =>
      (await sec.get(`/api/meetings?bodyId=${council}&from=2030-01-01&to=2030-01-31`)).body.items.find(
        (x: { id: string }) => x.id === yearEnd.id,
      ).dateWarning;
    expect(await january()).toBe("年末年始の閉庁日（12月29日〜1月3日）");
    const moved = await sec.patch(`/api/meetings/${yearEnd.id}`, { startsAt: at("2030-01-09"), endsAt: end("2030-01-09") });
    expect(moved.body.dateWarning).toBeNull();
    // The list worked the warning out once for the row it kept; the moved meeting's row is read anew.
    expect(await january()).toBeNull();
    const list = (await sec.get(`/api/meetings?bodyId=${council}&from=2030-11-01&to=2030-11-30`)).body.items;
    expect(list.find((x: { id: string }) => x.id === holiday.id).dateWarning).toBe("祝日（文化の日 振替休日）");
  });
});

describe("home: my deadlines", () => {
  it("lists a date poll until my organisation answers it", async () => {
    const poll = (
      await sec.post("/api/date-polls", {
        bodyId: env.demo.bodies.council,
        title: "第2回 連携会議の日程",
        kind: "hybrid",
        place: "山口県庁",
        deadline: jst(9, 17),
        candidates: [
          { startsAt: jst(40, 14), endsAt: jst(40, 16) },
          { startsAt: jst(41, 14), endsAt: jst(41, 16) },
        ],
      })
    ).body;
    const abu = await env.as("abu@example.jp");
    const mine = async () => (await abu.get("/api/home")).body.deadlines as { kind: string; link: string; title: string }[];
    expect((await mine()).find((d) => d.link === `/date-polls/${poll.id}`)).toMatchObject({
      kind: "poll",
      title: "第2回 連携会議の日程",
      deadline: poll.deadline,
    });
    const choices = Object.fromEntries(poll.candidates.map((c: { id: string }) => [c.id, "yes"]));
    expect((await abu.put(`/api/date-polls/${poll.id}/answers/${env.demo.orgs.阿武町}`, { choices, comment: "" })).status).toBe(
      200,
    );
    expect((await mine()).some((d) => d.link === `/date-polls/${poll.id}`)).toBe(false);
    // A colleague of another town still sees it.
    const shunan = await env.as("shunan@example.jp");
    expect(
      (await shunan.get("/api/home")).body.deadlines.some((d: { link: string }) => d.link === `/date-polls/${poll.id}`),
    ).toBe(true);
  });
});
