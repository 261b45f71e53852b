import { beforeAll, describe, expect, it } from "vitest";
import { fiscalYearAt } from "../../../shared/dates/jst.js";
import { fiscalYearLabel } from "../../../shared/dates/wareki.js";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { jst, makeMeeting, startedYesterday } from "./test-support.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

const countMeetings = async () =>
  Number(
    (
      await env.database.db
        .selectFrom("meetings")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("meetings", () => {
  it("creates a meeting numbered per body and fiscal year, with its audit row", async () => {
    const first = await makeMeeting(env, env.demo.bodies.divide);
    const second = await makeMeeting(env, env.demo.bodies.divide, { startsAt: jst(40, 10), endsAt: jst(40, 12) });
    const fy = fiscalYearLabel(fiscalYearAt(jst(30, 14)));
    expect(first.name).toBe(`${fy} 第1回 デジタルデバイド対策専門部会`);
    expect(second.name.startsWith(`${fyLabelOf(jst(40, 10))} 第`)).toBe(true);
    expect(first.status).toBe("draft");
    expect(first.abilities.canAnnounce).toBe(true);
    const audit = await lastAudit(env, "meeting.create");
    expect(audit?.subject_id).toBe(second.id);
    expect(audit?.actor_user_id).toBe(env.demo.users["secretariat@example.jp"]);
  });

  it("401 without a session, 403 for a municipality, 404 for a members-only body's meeting", async () => {
    const rpa = await makeMeeting(env, env.demo.bodies.wgRpa);
    expect((await env.anon.get("/api/meetings")).status).toBe(401);
    expect((await env.anon.get(`/api/meetings/${rpa.id}`)).status).toBe(401);
    const valid = { bodyId: env.demo.bodies.council, kind: "online", startsAt: jst(5, 10), endsAt: jst(5, 11) };
    expect((await env.anon.post("/api/meetings", valid)).status).toBe(401);
    const abu = await env.as("abu@example.jp");
    const res = await abu.post("/api/meetings", {
      bodyId: env.demo.bodies.council,
      kind: "online",
      startsAt: jst(5, 10),
      endsAt: jst(5, 11),
    });
    expect(res.status).toBe(403);
    expect((await abu.patch(`/api/meetings/${rpa.id}`, { place: "x" })).status).toBe(403);
    expect((await abu.post(`/api/meetings/${rpa.id}/announce`)).status).toBe(403);
    const kaminoseki = await env.as("kaminoseki@example.jp");
    expect((await kaminoseki.get(`/api/meetings/${rpa.id}`)).status).toBe(404);
    expect((await kaminoseki.patch(`/api/meetings/${rpa.id}`, { place: "x" })).status).toBe(404);
    expect((await kaminoseki.post(`/api/meetings/${rpa.id}/cancel`, { reason: "x" })).status).toBe(404);
    const list = await kaminoseki.get("/api/meetings");
    expect(list.body.items.some((m: { id: string }) => m.id === rpa.id)).toBe(false);
    expect((await abu.get("/api/meetings")).body.items.some((m: { id: string }) => m.id === rpa.id)).toBe(true);
  });

  it("refuses an end before the start, next to the field, and writes nothing", async () => {
    const sec = await env.as("secretariat@example.jp");
    const before = await countMeetings();
    const res = await sec.post("/api/meetings", {
      bodyId: env.demo.bodies.council,
      kind: "online",
      startsAt: jst(5, 12),
      endsAt: jst(5, 10),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe("endsAt");
    expect(await countMeetings()).toBe(before);
    const m = await makeMeeting(env, env.demo.bodies.council);
    const patch = await sec.patch(`/api/meetings/${m.id}`, { endsAt: jst(29, 10) });
    expect(patch.status).toBe(400);
    expect(patch.body.error.message).toContain("終了日時");
  });

  it("announces with a notification to every member organisation, then holds; cancelling notifies too", async () => {
    const sec = await env.as("secretariat@example.jp");
    const m = await makeMeeting(env, env.demo.bodies.council);
    const patched = await sec.patch(`/api/meetings/${m.id}`, { place: "山口県庁 4階 共用第2会議室" });
    expect(patched.body.place).toBe("山口県庁 4階 共用第2会議室");
    expect(JSON.parse((await lastAudit(env, "meeting.update"))!.changes!).place[1]).toBe("山口県庁 4階 共用第2会議室");

    const res = await sec.post(`/api/meetings/${m.id}/announce`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("announced");
    expect((await lastAudit(env, "meeting.announce"))?.subject_id).toBe(m.id);
    const abu = await env.as("abu@example.jp");
    const notes = await abu.get("/api/notifications");
    expect(notes.body.items.some((n: { title: string }) => n.title === `開催通知：${m.name}`)).toBe(true);
    expect((await sec.post(`/api/meetings/${m.id}/announce`)).status).toBe(409);

    expect(res.body.abilities.canMarkHeld).toBe(false);
    const early = await sec.post(`/api/meetings/${m.id}/held`);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain("開始前に開催済みにはできません");
    expect((await sec.get(`/api/meetings/${m.id}`)).body.status).toBe("announced");
    await startedYesterday(env, m.id);
    expect((await sec.get(`/api/meetings/${m.id}`)).body.abilities.canMarkHeld).toBe(true);
    const held = await sec.post(`/api/meetings/${m.id}/held`);
    expect(held.body.status).toBe("held");
    const cancelHeld = await sec.post(`/api/meetings/${m.id}/cancel`, { reason: "台風のため" });
    expect(cancelHeld.status).toBe(409);

    const other = await makeMeeting(env, env.demo.bodies.council, { startsAt: jst(60, 10), endsAt: jst(60, 12) });
    await sec.post(`/api/meetings/${other.id}/announce`);
    expect((await sec.post(`/api/meetings/${other.id}/cancel`, {})).status).toBe(400);
    const cancelled = await sec.post(`/api/meetings/${other.id}/cancel`, { reason: "台風接近のため" });
    expect(cancelled.body.status).toBe("cancelled");
    expect(cancelled.body.cancelReason).toBe("台風接近のため");
    expect((await lastAudit(env, "meeting.cancel"))?.subject_id).toBe(other.id);
    const after = await abu.get("/api/notifications");
    expect(
      after.body.items.some(
        (n: { title: string; body: string }) => n.title.startsWith("会議中止") && n.body.includes("台風接近"),
      ),
    ).toBe(true);
  });

  it("lists by month for the calendar", async () => {
    const abu = await env.as("abu@example.jp");
    const day = new Date(Date.parse(jst(30, 14)) + 9 * 3600_000).toISOString().slice(0, 10);
    const res = await abu.get(`/api/meetings?from=${day}&to=${day}`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const m of res.body.items) expect(new Date(Date.parse(m.startsAt) + 9 * 3600_000).toISOString().slice(0, 10)).toBe(day);
    const none = await abu.get("/api/meetings?from=2001-01-01&to=2001-01-31");
    expect(none.body.items).toEqual([]);
  });

  it("prepares the next meeting: same body, place and time, standing items and deferred items carried over", async () => {
    const sec = await env.as("secretariat@example.jp");
    const abu = await env.as("abu@example.jp");
    const m = await makeMeeting(env, env.demo.bodies.wgStandard);
    await sec.post(`/api/meetings/${m.id}/agenda`, { title: "開会", minutesRequested: 5 });
    const p = await abu.post(`/api/meetings/${m.id}/proposals`, { title: "住民記録システムの移行状況", minutesRequested: 15 });
    await sec.post(`/api/meetings/${m.id}/agenda/${p.body.id}/decision`, { decision: "defer", reason: "次回に時間を確保します" });
    const next = await sec.post(`/api/meetings/${m.id}/next`, {});
    expect(next.status).toBe(201);
    expect(next.body.previousId).toBe(m.id);
    expect(next.body.place).toBe(m.place);
    expect(next.body.startsAt.slice(11)).toBe(m.startsAt.slice(11));
    expect(next.body.agenda.map((a: { title: string; status: string }) => [a.title, a.status])).toEqual([
      ["開会", "accepted"],
      ["住民記録システムの移行状況", "proposed"],
    ]);
    expect((await lastAudit(env, "meeting.prepareNext"))?.subject_id).toBe(next.body.id);
    expect((await abu.post(`/api/meetings/${m.id}/next`, {})).status).toBe(403);
  });
});

const fyLabelOf = (iso: string) => fiscalYearLabel(fiscalYearAt(iso));
