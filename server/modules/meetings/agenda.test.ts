import { beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../../platform/context.js";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { proposeAgendaItem } from "./service.js";
import { jst, makeMeeting } from "./test-support.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

const proposal = {
  title: "自治体システム標準化の進捗と課題",
  purpose: "移行スケジュールの共有",
  presenter: "阿武町 総務課",
  minutesRequested: 20,
};

describe("agenda coordination", () => {
  it("a member municipality proposes within the window; the audit row is written", async () => {
    const m = await makeMeeting(env, env.demo.bodies.council);
    const abu = await env.as("abu@example.jp");
    const res = await abu.post(`/api/meetings/${m.id}/proposals`, proposal);
    expect(res.status).toBe(201);
    expect(res.body.status).toBe("proposed");
    expect(res.body.proposerOrg.name).toBe("阿武町");
    expect(res.body.abilities.canWithdraw).toBe(true);
    const audit = await lastAudit(env, "agenda.propose");
    expect(audit?.subject_id).toBe(res.body.id);
    expect(audit?.actor_org_id).toBe(env.demo.orgs.阿武町);
  });

  it("401 signed out, 403 for an observer or an organisation outside the body, 404 for a members-only body", async () => {
    const m = await makeMeeting(env, env.demo.bodies.divide);
    expect((await env.anon.post(`/api/meetings/${m.id}/proposals`, proposal)).status).toBe(401);
    const observer = await env.as("observer@example.jp");
    expect((await observer.post(`/api/meetings/${m.id}/proposals`, proposal)).status).toBe(403);
    // 山口市 is not a member of the digital-divide subcommittee (an open body: visible, but no proposals).
    const yamaguchi = await env.as("yamaguchi@example.jp");
    const outside = await yamaguchi.post(`/api/meetings/${m.id}/proposals`, proposal);
    expect(outside.status).toBe(403);
    expect(outside.body.error.message).toContain("構成団体ではない");
    const rpa = await makeMeeting(env, env.demo.bodies.wgRpa);
    const kaminoseki = await env.as("kaminoseki@example.jp");
    expect((await kaminoseki.post(`/api/meetings/${rpa.id}/proposals`, proposal)).status).toBe(404);
    expect((await kaminoseki.get(`/api/meetings/${rpa.id}/backlog`)).status).toBe(404);
    const count = await env.database.db.selectFrom("agenda_items").select("id").where("meeting_id", "=", m.id).execute();
    expect(count).toHaveLength(0);
  });

  it("refuses a proposal after the deadline with a message saying so", async () => {
    const m = await makeMeeting(env, env.demo.bodies.council, { proposalDeadline: jst(-1, 17) });
    const abu = await env.as("abu@example.jp");
    const res = await abu.post(`/api/meetings/${m.id}/proposals`, proposal);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain("締切");
    // The secretariat may still put an item on.
    const sec = await env.as("secretariat@example.jp");
    expect((await sec.post(`/api/meetings/${m.id}/proposals`, proposal)).status).toBe(201);
  });

  it("accepts, rejects with a reason, defers to the backlog, and notifies the proposer each time", async () => {
    const m = await makeMeeting(env, env.demo.bodies.council);
    const abu = await env.as("abu@example.jp");
    const shunan = await env.as("shunan@example.jp");
    const sec = await env.as("secretariat@example.jp");
    const a = (await abu.post(`/api/meetings/${m.id}/proposals`, proposal)).body;
    const b = (await shunan.post(`/api/meetings/${m.id}/proposals`, { title: "AI議事録の共同利用", minutesRequested: 10 })).body;
    const c = (await shunan.post(`/api/meetings/${m.id}/proposals`, { title: "BPRの事例紹介", minutesRequested: 10 })).body;

    expect((await abu.post(`/api/meetings/${m.id}/agenda/${a.id}/decision`, { decision: "accept" })).status).toBe(403);
    expect((await env.anon.post(`/api/meetings/${m.id}/agenda/${a.id}/decision`, { decision: "accept" })).status).toBe(401);

    const accepted = await sec.post(`/api/meetings/${m.id}/agenda/${a.id}/decision`, { decision: "accept" });
    expect(accepted.status).toBe(200);
    expect(accepted.body.agenda.find((i: { id: string }) => i.id === a.id)).toMatchObject({ status: "accepted", number: 1 });
    expect((await lastAudit(env, "agenda.accept"))?.subject_id).toBe(a.id);

    const noReason = await sec.post(`/api/meetings/${m.id}/agenda/${b.id}/decision`, { decision: "reject" });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.issues[0].path).toBe("reason");
    const rejected = await sec.post(`/api/meetings/${m.id}/agenda/${b.id}/decision`, {
      decision: "reject",
      reason: "WGで先に検討します",
    });
    expect(rejected.body.agenda.find((i: { id: string }) => i.id === b.id)).toMatchObject({
      status: "rejected",
      decisionReason: "WGで先に検討します",
    });

    const deferred = await sec.post(`/api/meetings/${m.id}/agenda/${c.id}/decision`, { decision: "defer", reason: "次回に" });
    expect(deferred.body.agenda.some((i: { id: string }) => i.id === c.id)).toBe(false);
    const backlog = await sec.get(`/api/meetings/${m.id}/backlog`);
    expect(backlog.body.items.map((i: { id: string }) => i.id)).toContain(c.id);

    const abuNotes = (await abu.get("/api/notifications")).body.items.map((n: { title: string }) => n.title);
    expect(abuNotes).toContain(`議題「${proposal.title}」は採択されました`);
    const shunanNotes = (await shunan.get("/api/notifications")).body.items;
    expect(
      shunanNotes.some(
        (n: { title: string; body: string }) => n.title.includes("不採択") && n.body.includes("WGで先に検討します"),
      ),
    ).toBe(true);

    // The next meeting of the body offers the deferred item again.
    const next = await makeMeeting(env, env.demo.bodies.council, { startsAt: jst(90, 14), endsAt: jst(90, 16) });
    const adopt = await sec.post(`/api/meetings/${next.id}/backlog/${c.id}`);
    expect(adopt.status).toBe(200);
    expect(adopt.body.agenda.find((i: { id: string }) => i.id === c.id).status).toBe("proposed");
    expect((await lastAudit(env, "agenda.adopt"))?.subject_id).toBe(c.id);
  });

  it("orders the agenda, sums durations and warns when it runs longer than the meeting", async () => {
    const m = await makeMeeting(env, env.demo.bodies.council, { startsAt: jst(20, 14), endsAt: jst(20, 15) });
    const sec = await env.as("secretariat@example.jp");
    const one = (await sec.post(`/api/meetings/${m.id}/agenda`, { title: "開会", minutesRequested: 5 })).body;
    const two = (await sec.post(`/api/meetings/${m.id}/agenda`, { title: "国の動向", minutesRequested: 30 })).body;
    const ids = two.agenda.map((i: { id: string }) => i.id);
    expect(one.agendaOverrun).toBe(false);
    const reordered = await sec.put(`/api/meetings/${m.id}/agenda/order`, { itemIds: [ids[1], ids[0]] });
    expect(reordered.status).toBe(200);
    expect(reordered.body.agenda.map((i: { title: string }) => i.title)).toEqual(["国の動向", "開会"]);
    expect((await lastAudit(env, "agenda.order"))?.subject_id).toBe(m.id);
    const longer = await sec.patch(`/api/meetings/${m.id}/agenda/${ids[1]}`, { durationMinutes: 65 });
    expect(longer.body.agendaMinutes).toBe(70);
    expect(longer.body.meetingMinutes).toBe(60);
    expect(longer.body.agendaOverrun).toBe(true);
    const bad = await sec.put(`/api/meetings/${m.id}/agenda/order`, { itemIds: [ids[0], ids[0]] });
    expect(bad.status).toBe(400);
    const abu = await env.as("abu@example.jp");
    expect((await abu.put(`/api/meetings/${m.id}/agenda/order`, { itemIds: ids })).status).toBe(403);
  });

  it("lets the proposer edit and withdraw their own item, not another organisation's", async () => {
    const m = await makeMeeting(env, env.demo.bodies.council);
    const abu = await env.as("abu@example.jp");
    const mine = (await abu.post(`/api/meetings/${m.id}/proposals`, proposal)).body;
    const edited = await abu.patch(`/api/meetings/${m.id}/agenda/${mine.id}`, { title: "標準化の進捗（修正）" });
    expect(edited.status).toBe(200);
    expect((await lastAudit(env, "agenda.update"))?.subject_id).toBe(mine.id);
    expect((await abu.patch(`/api/meetings/${m.id}/agenda/${mine.id}`, { durationMinutes: 60 })).status).toBe(403);
    const shunan = await env.as("shunan@example.jp");
    expect((await shunan.patch(`/api/meetings/${m.id}/agenda/${mine.id}`, { title: "x" })).status).toBe(403);
    expect((await shunan.post(`/api/meetings/${m.id}/agenda/${mine.id}/withdraw`)).status).toBe(403);
    const withdrawn = await abu.post(`/api/meetings/${m.id}/agenda/${mine.id}/withdraw`);
    expect(withdrawn.body.agenda.find((i: { id: string }) => i.id === mine.id).status).toBe("withdrawn");
    expect((await lastAudit(env, "agenda.withdraw"))?.subject_id).toBe(mine.id);
  });

  it("other modules propose on behalf of a user through the service, with a source reference", async () => {
    const m = await makeMeeting(env, env.demo.bodies.council);
    const abu = await env.as("abu@example.jp");
    const me = (await abu.get("/api/auth/me")).body;
    const actor = {
      userId: env.demo.users["abu@example.jp"]!,
      orgId: env.demo.orgs.阿武町!,
      orgKind: "town" as const,
      role: "municipal" as const,
      isOrgAdmin: true,
      email: "abu@example.jp",
      name: me?.user?.name ?? "阿武 由美",
      twoFactorEnabled: false,
    };
    const ctx: Ctx = { ...env.ctx, actor };
    const item = await proposeAgendaItem(
      ctx,
      m.id,
      { title: "課題：窓口DXの共同化", minutesRequested: 15 },
      { sourceRef: "challenge:123" },
    );
    expect(item.sourceRef).toBe("challenge:123");
    expect(item.status).toBe("proposed");
    expect(JSON.parse((await lastAudit(env, "agenda.propose"))!.changes!).sourceRef).toBe("challenge:123");
  });
});
