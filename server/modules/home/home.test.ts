import { beforeAll, describe, expect, it } from "vitest";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { jst, makeMeeting } from "../meetings/test-support.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

const notificationsOf = async (email: string) => (await (await env.as(email)).get("/api/notifications?limit=50")).body.items;

describe("home: what is due", () => {
  it("401 signed out", async () => {
    expect((await env.anon.get("/api/home")).status).toBe(401);
  });

  it("members are told when proposals open; the secretariat is told of a new proposal and sees it to decide", async () => {
    const m = await makeMeeting(env, env.demo.bodies.council);
    const opened = (await notificationsOf("abu@example.jp")).find((n: { link: string }) => n.link === `/meetings/${m.id}`);
    expect(opened?.title).toContain("議題の提案を受け付けています");
    expect(opened?.body).toMatch(/提案の締切：令和\d+年（\d{4}年）\d+月\d+日 17:00/);

    const abu = await env.as("abu@example.jp");
    const proposed = await abu.post(`/api/meetings/${m.id}/proposals`, { title: "書かない窓口の共同導入", minutesRequested: 15 });
    expect(proposed.status).toBe(201);
    const told = (await notificationsOf("secretariat@example.jp")).find((n: { title: string }) =>
      n.title.includes("書かない窓口の共同導入"),
    );
    expect(told?.title).toBe("議題の提案がありました：書かない窓口の共同導入");
    expect(told?.body).toContain("阿武町");

    const home = await (await env.as("secretariat@example.jp")).get("/api/home");
    expect(home.status).toBe(200);
    const p = home.body.secretariat.proposals.find((x: { id: string }) => x.id === proposed.body.id);
    expect(p).toMatchObject({ title: "書かない窓口の共同導入", meetingId: m.id, org: { name: "阿武町" } });
    // A town does not get the secretariat's part.
    const townHome = (await abu.get("/api/home")).body;
    expect(townHome.secretariat).toBeNull();
    expect(townHome.meetings.find((x: { id: string }) => x.id === m.id)).toMatchObject({
      proposalOpen: true,
      myAttendance: null,
    });
  });

  it("shows a town's unanswered attendance until it answers, and counts the unanswered for the secretariat", async () => {
    const sec = await env.as("secretariat@example.jp");
    const m = await makeMeeting(env, env.demo.bodies.council, {
      startsAt: jst(3, 14),
      endsAt: jst(3, 16),
      proposalDeadline: jst(1, 17),
    });
    await sec.post(`/api/meetings/${m.id}/announce`);
    const abu = await env.as("abu@example.jp");
    const mine = async () => (await abu.get("/api/home")).body.meetings.find((x: { id: string }) => x.id === m.id);
    expect((await mine()).myAttendance).toBe("unanswered");
    const before = (await sec.get("/api/home")).body.secretariat.attendance.find(
      (a: { meetingId: string }) => a.meetingId === m.id,
    );
    expect(before.unanswered).toBe(before.total);
    await abu.put(`/api/meetings/${m.id}/attendance/${env.demo.orgs.阿武町}`, { mode: "online", attendees: ["阿武 由美"] });
    expect((await mine()).myAttendance).toBe("online");
    // The secretariat enters 周南市's phoned-in answer: recorded as on behalf, audited as such.
    const shunan = env.demo.orgs.周南市!;
    const res = await sec.put(`/api/meetings/${m.id}/attendance/${shunan}`, { mode: "absent", note: "電話で回答" });
    expect(res.status).toBe(200);
    expect(res.body.items.find((i: { org: { id: string } }) => i.org.id === shunan)).toMatchObject({
      mode: "absent",
      onBehalf: true,
    });
    expect(res.body.items.find((i: { org: { id: string } }) => i.org.id === env.demo.orgs.阿武町)).toMatchObject({
      onBehalf: false,
    });
    const audit = await lastAudit(env, "attendance.answerOnBehalf");
    expect(JSON.parse(audit!.changes!)).toMatchObject({ orgId: shunan, onBehalf: true, mode: "absent" });
    const after = (await sec.get("/api/home")).body.secretariat.attendance.find(
      (a: { meetingId: string }) => a.meetingId === m.id,
    );
    expect(after.unanswered).toBe(before.unanswered - 2);
  });

  it("groups overdue actions by town, and lists a specialist's open next steps", async () => {
    const sec = await env.as("secretariat@example.jp");
    const m = await makeMeeting(env, env.demo.bodies.council, {
      startsAt: jst(-20, 14),
      endsAt: jst(-20, 16),
      proposalDeadline: null,
    });
    await sec.post(`/api/meetings/${m.id}/announce`);
    expect((await sec.post(`/api/meetings/${m.id}/held`)).status).toBe(200);
    const mine = env.demo.orgs.美祢市!;
    for (const [title, dueDate] of [
      ["調査票を返送する", "2020-01-10"],
      ["移行計画を共有する", "2020-02-10"],
    ])
      expect((await sec.post(`/api/meetings/${m.id}/action-items`, { title, ownerOrgId: mine, dueDate })).status).toBe(201);
    const overdue = (await sec.get("/api/home")).body.secretariat.overdueActions.find(
      (o: { org: { id: string } }) => o.org.id === mine,
    );
    expect(overdue).toEqual({ org: { id: mine, name: "美祢市" }, count: 2, oldestDue: "2020-01-10" });

    const spec = await env.as("specialist@example.jp");
    const eng = await spec.post("/api/support/engagements", {
      orgId: env.demo.orgs.上関町,
      theme: "住民記録システムの標準化移行",
      startDate: "2026-04-01",
      status: "active",
      specialistIds: [env.demo.users["specialist@example.jp"]],
    });
    await spec.post(`/api/support/engagements/${eng.body.id}/sessions`, {
      date: "2026-05-12",
      mode: "online",
      notes: "確認した。",
      nextSteps: [
        { title: "ベンダーへ確認事項を送る", owner: "県 専門人材", dueDate: null },
        { title: "差異を一覧にする", owner: "上関町", dueDate: "2026-05-29" },
      ],
    });
    const steps = (await spec.get("/api/home")).body.nextSteps;
    expect(steps.map((s: { title: string }) => s.title)).toEqual(["差異を一覧にする", "ベンダーへ確認事項を送る"]);
    expect(steps[0]).toMatchObject({ engagementId: eng.body.id, org: { name: "上関町" }, dueDate: "2026-05-29" });
    expect((await (await env.as("kaminoseki@example.jp")).get("/api/home")).body.nextSteps).toEqual([]);
  });
});

describe("surveys in the menu", () => {
  it("are hidden for specialists (the design gives them the desk and support, not surveys), shown to the others", async () => {
    const abilities = async (email: string) => (await (await env.as(email)).get("/api/me")).body.abilities;
    expect((await abilities("specialist@example.jp")).useSurveys).toBe(false);
    expect((await abilities("abu@example.jp")).useSurveys).toBe(true);
    expect((await abilities("secretariat@example.jp")).useSurveys).toBe(true);
  });
});
