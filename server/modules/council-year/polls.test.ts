import { beforeAll, describe, expect, it } from "vitest";
import { type Client, lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { jst } from "../meetings/test-support.js";
import { sendPollReminders } from "./poll-reminders.js";

let env: TestEnv;
let sec: Client;
let orgs: Record<string, string>;
beforeAll(async () => {
  env = await testEnv();
  sec = await env.as("secretariat@example.jp");
  orgs = Object.fromEntries((await env.ctx.db.selectFrom("orgs").select(["id", "name"]).execute()).map((o) => [o.name, o.id]));
});

const count = async (table: "date_polls" | "date_poll_responses") =>
  Number(
    (
      await env.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

const three = [
  { startsAt: jst(40, 14), endsAt: jst(40, 16) },
  { startsAt: jst(41, 10), endsAt: jst(41, 12) },
  { startsAt: jst(43, 14), endsAt: jst(43, 16) },
];
async function makePoll(over: Record<string, unknown> = {}) {
  const res = await sec.post("/api/date-polls", {
    bodyId: env.demo.bodies.council,
    title: "令和8年度 第1回 連携会議",
    kind: "hybrid",
    place: "山口県庁 共用第1会議室",
    deadline: jst(20, 17),
    candidates: three,
    ...over,
  });
  if (res.status !== 201) throw new Error(`makePoll: ${res.status} ${res.text}`);
  return res.body;
}
const answer = (poll: any, marks: string[], comment = "") => ({
  choices: Object.fromEntries(poll.candidates.map((c: { id: string }, i: number) => [c.id, marks[i]])),
  comment,
});

describe("date polls", () => {
  it("asks every organisation on the roll by mail, in 公用文, with the candidates", async () => {
    const poll = await makePoll();
    expect(poll.candidates).toHaveLength(3);
    expect(poll.status).toBe("open");
    expect(poll.accepting).toBe(true);
    expect(poll.rows.map((r: { org: { name: string } }) => r.org.name)).toContain("阿武町");
    expect(poll.total).toBe(poll.rows.length);
    expect((await lastAudit(env, "datePoll.create"))?.subject_id).toBe(poll.id);
    const mail = await env.database.db
      .selectFrom("mail_outbox")
      .selectAll()
      .where("to_address", "=", "abu@example.jp")
      .where("subject", "like", "%日程調整%")
      .executeTakeFirstOrThrow();
    expect(mail.subject).toBe("【日程調整】令和8年度 第1回 連携会議の開催日程について（照会）");
    expect(mail.text).toContain("（１）令和");
    expect(mail.text).toContain("（３）令和");
    expect(mail.text).toContain("14時〜16時");
    expect(mail.text).toContain(`/date-polls/${poll.id}`);
  });

  it("two towns answer ○/△/× with a comment; the results table and tallies follow", async () => {
    const poll = await makePoll({ title: "二団体の回答" });
    const abu = await env.as("abu@example.jp");
    const shunan = await env.as("shunan@example.jp");
    const a = await abu.put(
      `/api/date-polls/${poll.id}/answers/${orgs["阿武町"]}`,
      answer(poll, ["yes", "maybe", "no"], "午後なら可"),
    );
    expect(a.status).toBe(200);
    expect((await lastAudit(env, "datePoll.answer"))?.actor_org_id).toBe(orgs["阿武町"]);
    await shunan.put(`/api/date-polls/${poll.id}/answers/${orgs["周南市"]}`, answer(poll, ["yes", "no", "no"]));
    // A second answer replaces the first.
    const again = await abu.put(
      `/api/date-polls/${poll.id}/answers/${orgs["阿武町"]}`,
      answer(poll, ["yes", "yes", "no"], "どちらも可"),
    );
    const view = again.body;
    expect(view.candidates.map((c: { tally: unknown }) => c.tally)).toEqual([
      { yes: 2, maybe: 0, no: 0 },
      { yes: 1, maybe: 0, no: 1 },
      { yes: 0, maybe: 0, no: 2 },
    ]);
    const abuRow = view.rows.find((r: { org: { name: string } }) => r.org.name === "阿武町");
    expect(abuRow.comment).toBe("どちらも可");
    expect(abuRow.canAnswer).toBe(true);
    expect(view.rows.find((r: { org: { name: string } }) => r.org.name === "周南市").canAnswer).toBe(false);
    expect(view.answered).toBe(2);
    expect(view.mine).toBe("answered");
    const list = (await shunan.get("/api/date-polls")).body.items;
    expect(list.find((p: { id: string }) => p.id === poll.id)).toMatchObject({ answered: 2, mine: "answered" });
  });

  it("401 without a session, 403 for a town creating or answering for another, 404 across bodies", async () => {
    const poll = await makePoll({ title: "権限" });
    const rpa = await makePoll({ bodyId: env.demo.bodies.wgRpa, title: "RPA 秘密の日程" });
    expect((await env.anon.get("/api/date-polls")).status).toBe(401);
    expect((await env.anon.get(`/api/date-polls/${poll.id}`)).status).toBe(401);
    expect(
      (
        await env.anon.post("/api/date-polls", {
          bodyId: env.demo.bodies.council,
          title: "x",
          deadline: jst(5, 17),
          candidates: three,
        })
      ).status,
    ).toBe(401);
    expect(
      (await env.anon.put(`/api/date-polls/${poll.id}/answers/${orgs["阿武町"]}`, answer(poll, ["yes", "yes", "yes"]))).status,
    ).toBe(401);
    const abu = await env.as("abu@example.jp");
    const before = await count("date_polls");
    const made = await abu.post("/api/date-polls", {
      bodyId: env.demo.bodies.council,
      title: "x",
      deadline: jst(5, 17),
      candidates: three,
    });
    expect(made.status).toBe(403);
    expect(await count("date_polls")).toBe(before);
    expect(
      (await abu.put(`/api/date-polls/${poll.id}/answers/${orgs["周南市"]}`, answer(poll, ["yes", "yes", "yes"]))).status,
    ).toBe(403);
    expect((await abu.post(`/api/date-polls/${poll.id}/decide`, { candidateId: poll.candidates[0].id })).status).toBe(403);
    const kaminoseki = await env.as("kaminoseki@example.jp");
    expect((await kaminoseki.get(`/api/date-polls/${rpa.id}`)).status).toBe(404);
    expect(
      (await kaminoseki.put(`/api/date-polls/${rpa.id}/answers/${orgs["上関町"]}`, answer(rpa, ["yes", "yes", "yes"]))).status,
    ).toBe(404);
    expect((await kaminoseki.get("/api/date-polls")).body.items.some((p: { id: string }) => p.id === rpa.id)).toBe(false);
    // 上関町 is not on the RPA WG's roll: the secretariat cannot answer for it either.
    expect(
      (await sec.put(`/api/date-polls/${rpa.id}/answers/${orgs["上関町"]}`, answer(rpa, ["yes", "yes", "yes"]))).status,
    ).toBe(404);
  });

  it("refuses a poll with no candidate, an incomplete answer and an answer after the deadline; nothing changes", async () => {
    const polls = await count("date_polls");
    const none = await sec.post("/api/date-polls", {
      bodyId: env.demo.bodies.council,
      title: "候補なし",
      deadline: jst(5, 17),
      candidates: [],
    });
    expect(none.status).toBe(400);
    expect(none.body.error.details.issues[0].message).toBe("候補日を1つ以上入れてください");
    const late = await sec.post("/api/date-polls", {
      bodyId: env.demo.bodies.council,
      title: "期限が候補より後",
      deadline: jst(50, 17),
      candidates: three,
    });
    expect(late.status).toBe(400);
    expect(late.body.error.details.issues[0].path).toBe("deadline");
    expect(await count("date_polls")).toBe(polls);

    const poll = await makePoll({ title: "締切" });
    const abu = await env.as("abu@example.jp");
    const partial = await abu.put(`/api/date-polls/${poll.id}/answers/${orgs["阿武町"]}`, {
      choices: { [poll.candidates[0].id]: "yes" },
    });
    expect(partial.status).toBe(400);
    expect(partial.body.error.message).toBe("すべての候補日について○・△・×を選んでください。");
    expect(partial.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual([
      `choices.${poll.candidates[1].id}`,
      `choices.${poll.candidates[2].id}`,
    ]);
    await abu.put(`/api/date-polls/${poll.id}/answers/${orgs["阿武町"]}`, answer(poll, ["yes", "yes", "yes"], "当初"));
    const responses = await count("date_poll_responses");
    await env.ctx.db
      .updateTable("date_polls")
      .set({ deadline: jst(-1, 17) })
      .where("id", "=", poll.id)
      .execute();
    const after = await abu.put(`/api/date-polls/${poll.id}/answers/${orgs["阿武町"]}`, answer(poll, ["no", "no", "no"], "変更"));
    expect(after.status).toBe(409);
    expect(after.body.error.message).toMatch(/^回答期限（令和\d+年\d+月\d+日（.）17時）を過ぎているため、回答できません。/);
    expect(await count("date_poll_responses")).toBe(responses);
    const view = (await abu.get(`/api/date-polls/${poll.id}`)).body;
    expect(view.rows.find((r: { org: { name: string } }) => r.org.name === "阿武町").comment).toBe("当初");
    expect(view.accepting).toBe(false);
  });

  it("choosing a candidate creates the meeting at that time, or moves the linked meeting; then answers close", async () => {
    const poll = await makePoll({ title: "決定" });
    const chosen = poll.candidates[1];
    const res = await sec.post(`/api/date-polls/${poll.id}/decide`, { candidateId: chosen.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "decided", chosenCandidateId: chosen.id, accepting: false });
    const meeting = (await sec.get(`/api/meetings/${res.body.meetingId}`)).body;
    expect(meeting).toMatchObject({
      startsAt: chosen.startsAt,
      endsAt: chosen.endsAt,
      kind: "hybrid",
      place: "山口県庁 共用第1会議室",
      status: "draft",
    });
    expect((await lastAudit(env, "datePoll.decide"))?.subject_id).toBe(poll.id);
    expect((await lastAudit(env, "meeting.create"))?.subject_id).toBe(meeting.id);
    const abu = await env.as("abu@example.jp");
    expect(
      (await abu.put(`/api/date-polls/${poll.id}/answers/${orgs["阿武町"]}`, answer(poll, ["yes", "yes", "yes"]))).status,
    ).toBe(409);
    expect((await sec.post(`/api/date-polls/${poll.id}/decide`, { candidateId: chosen.id })).status).toBe(409);

    // A poll for an existing meeting moves it.
    const linked = await makePoll({ title: "既存の会議", meetingId: meeting.id });
    const other = await makePoll({ title: "別の候補" });
    const wrong = await sec.post(`/api/date-polls/${linked.id}/decide`, { candidateId: other.candidates[0].id });
    expect(wrong.status).toBe(400);
    await sec.post(`/api/date-polls/${linked.id}/decide`, { candidateId: linked.candidates[2].id });
    const moved = (await sec.get(`/api/meetings/${meeting.id}`)).body;
    expect(moved.startsAt).toBe(linked.candidates[2].startsAt);
  });

  it("reminds the organisations that have not answered, once, two business days before the deadline", async () => {
    const poll = await makePoll({ title: "督促", bodyId: env.demo.bodies.divide, deadline: jst(1, 17) });
    const abu = await env.as("abu@example.jp");
    await abu.put(`/api/date-polls/${poll.id}/answers/${orgs["阿武町"]}`, answer(poll, ["yes", "yes", "yes"]));
    const sent = await sendPollReminders(env.ctx);
    // The subcommittee's roll: the prefecture and seven towns; 阿武町 has answered.
    expect(sent).toBe(poll.total - 1);
    const reminders = await env.database.db
      .selectFrom("mail_outbox")
      .select(["to_address", "subject"])
      .where("subject", "=", "【回答のお願い】督促の開催日程について")
      .execute();
    expect(reminders.some((m) => m.to_address === "kaminoseki@example.jp")).toBe(true);
    expect(reminders.some((m) => m.to_address === "abu@example.jp")).toBe(false);
    expect((await lastAudit(env, "datePoll.remind"))?.subject_id).toBe(poll.id);
    expect(await sendPollReminders(env.ctx)).toBe(0);
  });
});
