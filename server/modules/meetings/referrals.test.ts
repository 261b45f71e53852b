import { beforeAll, describe, expect, it } from "vitest";
import { type Client, lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { makeMeeting } from "./test-support.js";

let env: TestEnv;
let sec: Client;
beforeAll(async () => {
  env = await testEnv();
  sec = await env.as("secretariat@example.jp");
});

/** An item proposed on a new meeting of the body, then deferred to the body's backlog when `defer`. */
async function itemOn(bodyId: string, title: string, defer: boolean, as: Client = sec) {
  const m = await makeMeeting(env, bodyId);
  const added = await as.post(`/api/meetings/${m.id}/proposals`, { title, minutesRequested: 10 });
  expect(added.status).toBe(201);
  if (defer)
    expect(
      (await as.post(`/api/meetings/${m.id}/agenda/${added.body.id}/decision`, { decision: "defer", reason: "WGで検討" })).status,
    ).toBe(200);
  return { meetingId: m.id, itemId: added.body.id as string };
}
const row = (id: string) => env.ctx.db.selectFrom("agenda_items").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const referralCount = async () =>
  Number(
    (
      await env.ctx.db
        .selectFrom("agenda_referrals")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("agenda across bodies", () => {
  it("a council backlog item is handed down to a WG's backlog with its history; the WG's next meeting takes it up", async () => {
    const { meetingId, itemId } = await itemOn(env.demo.bodies.council, "自治体フロントヤード改革の進め方", true);
    const res = await sec.post(`/api/agenda-items/${itemId}/refer`, { bodyId: env.demo.bodies.wgOnline, note: "WGで具体化する" });
    expect(res.status).toBe(200);
    expect(res.body.referrals).toHaveLength(1);
    expect(res.body.referrals[0]).toMatchObject({
      fromBody: { id: env.demo.bodies.council },
      toBody: { id: env.demo.bodies.wgOnline },
      fromMeetingId: null,
      note: "WGで具体化する",
    });
    expect(res.body.referrals[0].referredBy).toBeTruthy();
    expect(res.body.item).toMatchObject({ status: "deferred", meetingId: null });
    expect(await row(itemId)).toMatchObject({
      body_id: env.demo.bodies.wgOnline,
      origin_meeting_id: meetingId,
      meeting_id: null,
    });
    const audit = await lastAudit(env, "agenda.refer");
    expect(audit?.subject_id).toBe(itemId);
    expect(JSON.parse(audit!.changes!)).toMatchObject({
      fromBodyId: env.demo.bodies.council,
      toBodyId: env.demo.bodies.wgOnline,
    });

    const wg = await makeMeeting(env, env.demo.bodies.wgOnline, { proposalDeadline: null });
    const backlog = (await sec.get(`/api/meetings/${wg.id}/backlog`)).body.items;
    expect(backlog.map((i: { id: string }) => i.id)).toContain(itemId);
    expect((await sec.get(`/api/meetings/${meetingId}/backlog`)).body.items.map((i: { id: string }) => i.id)).not.toContain(
      itemId,
    );

    // … and back up to the council from the WG meeting's proposals: the history keeps both moves.
    expect((await sec.post(`/api/meetings/${wg.id}/backlog/${itemId}`)).status).toBe(200);
    const up = await sec.post(`/api/agenda-items/${itemId}/refer`, { bodyId: env.demo.bodies.council });
    expect(up.status).toBe(200);
    expect(up.body.referrals.map((r: { toBody: { id: string } }) => r.toBody.id)).toEqual([
      env.demo.bodies.wgOnline,
      env.demo.bodies.council,
    ]);
    expect(up.body.referrals[1].fromMeetingId).toBe(wg.id);
    expect((await sec.get(`/api/agenda-items/${itemId}/referrals`)).body.referrals).toHaveLength(2);
  });

  it("refuses a body the actor cannot manage (403), the same body (400), a decided item (409), nothing changed", async () => {
    // The specialist runs the デジタルデバイド対策専門部会 (its secretariat) but not the council.
    const spec = await env.as("specialist@example.jp");
    const { itemId } = await itemOn(env.demo.bodies.divide, "高齢者向けスマホ教室の共同開催", true, spec);
    const before = await referralCount();
    const refused = await spec.post(`/api/agenda-items/${itemId}/refer`, { bodyId: env.demo.bodies.council });
    expect(refused.status).toBe(403);
    const same = await spec.post(`/api/agenda-items/${itemId}/refer`, { bodyId: env.demo.bodies.divide });
    expect(same.status).toBe(400);
    expect(same.body.error.message).toContain("別の会議体");
    expect(await referralCount()).toBe(before);
    expect((await row(itemId)).body_id).toBe(env.demo.bodies.divide);

    const { meetingId, itemId: accepted } = await itemOn(env.demo.bodies.council, "採択された議題", false);
    await sec.post(`/api/meetings/${meetingId}/agenda/${accepted}/decision`, { decision: "accept" });
    expect((await sec.post(`/api/agenda-items/${accepted}/refer`, { bodyId: env.demo.bodies.wgOnline })).status).toBe(409);
    expect(await referralCount()).toBe(before);
  });

  it("401 signed out; a town cannot refer (403); an item of a body one cannot see is 404", async () => {
    const { itemId } = await itemOn(env.demo.bodies.council, "町からは回付できない", true);
    expect((await env.anon.post(`/api/agenda-items/${itemId}/refer`, { bodyId: env.demo.bodies.wgOnline })).status).toBe(401);
    expect((await env.anon.get(`/api/agenda-items/${itemId}/referrals`)).status).toBe(401);
    const abu = await env.as("abu@example.jp");
    expect((await abu.post(`/api/agenda-items/${itemId}/refer`, { bodyId: env.demo.bodies.wgOnline })).status).toBe(403);
    // The HQ (本部) is visible to its members only: a town sees neither its items nor the item's history.
    const hq = await itemOn(env.demo.bodies.hq, "本部限りの議題", true);
    expect((await abu.get(`/api/agenda-items/${hq.itemId}/referrals`)).status).toBe(404);
    expect((await abu.post(`/api/agenda-items/${hq.itemId}/refer`, { bodyId: env.demo.bodies.council })).status).toBe(404);
    expect((await abu.get("/api/agenda-items/00000000-0000-4000-8000-000000000000/referrals")).status).toBe(404);
  });

  it("offers as targets only the bodies the actor runs; a body shows what it received and sent, without items now in a body one cannot see", async () => {
    const spec = await env.as("specialist@example.jp");
    const { itemId } = await itemOn(env.demo.bodies.divide, "スマホ教室の講師の確保", true, spec);
    // The specialist runs only the 専門部会: nowhere to refer to.
    expect((await spec.get(`/api/agenda-items/${itemId}/referrals`)).body.targets).toEqual([]);
    const secTargets = (await sec.get(`/api/agenda-items/${itemId}/referrals`)).body.targets.map((b: { id: string }) => b.id);
    expect(secTargets).toContain(env.demo.bodies.council);
    expect(secTargets).not.toContain(env.demo.bodies.divide);
    // A town sees the history but has no targets.
    const abu = await env.as("abu@example.jp");
    expect((await abu.get(`/api/agenda-items/${itemId}/referrals`)).body.targets).toEqual([]);

    expect(
      (await sec.post(`/api/agenda-items/${itemId}/refer`, { bodyId: env.demo.bodies.council, note: "全体で議論" })).status,
    ).toBe(200);
    expect((await sec.get(`/api/agenda-items/${itemId}/referrals`)).body.targets.length).toBeGreaterThan(0);
    const received = (await abu.get(`/api/bodies/${env.demo.bodies.council}/referrals`)).body.items;
    expect(received.find((r: { item: { id: string } }) => r.item.id === itemId)).toMatchObject({
      direction: "received",
      fromBody: { id: env.demo.bodies.divide },
      note: "全体で議論",
      item: { title: "スマホ教室の講師の確保", status: "deferred", bodyId: env.demo.bodies.council },
    });
    const sent = (await sec.get(`/api/bodies/${env.demo.bodies.divide}/referrals`)).body.items;
    expect(sent.find((r: { item: { id: string } }) => r.item.id === itemId)?.direction).toBe("sent");

    // An item referred into the HQ (members only) is left out of the council's history for a town.
    const moved = await itemOn(env.demo.bodies.council, "本部へ上げる議題", true);
    await sec.post(`/api/agenda-items/${moved.itemId}/refer`, { bodyId: env.demo.bodies.hq });
    const forAbu = (await abu.get(`/api/bodies/${env.demo.bodies.council}/referrals`)).body.items.map(
      (r: { item: { id: string } }) => r.item.id,
    );
    expect(forAbu).not.toContain(moved.itemId);
    const forSec = (await sec.get(`/api/bodies/${env.demo.bodies.council}/referrals`)).body.items.map(
      (r: { item: { id: string } }) => r.item.id,
    );
    expect(forSec).toContain(moved.itemId);
    expect((await env.anon.get(`/api/bodies/${env.demo.bodies.council}/referrals`)).status).toBe(401);
    expect((await abu.get(`/api/bodies/${env.demo.bodies.hq}/referrals`)).status).toBe(404);
  });
});
