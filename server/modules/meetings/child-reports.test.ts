import { beforeAll, describe, expect, it } from "vitest";
import { jstDate } from "../../../shared/dates/jst.js";
import { warekiDate } from "../../../shared/dates/wareki.js";
import { type Client, lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { jst, makeMeeting } from "./test-support.js";

let env: TestEnv;
let sec: Client;
beforeAll(async () => {
  env = await testEnv();
  sec = await env.as("secretariat@example.jp");
});

const day = (iso: string) => warekiDate(jstDate(new Date(iso)));

/** A body under `parentId` created through the API. */
async function body(name: string, parentId: string | null, visibility: "all" | "members" = "all") {
  const res = await sec.post("/api/bodies", { kind: parentId ? "working_group" : "council", parentId, name, visibility });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/**
 * A meeting of the body held `daysAgo` days ago with these agenda items; its minutes record the outcomes
 * (title → outcome) and are published unless `publish` is false.
 */
async function held(bodyId: string, daysAgo: number, outcomes: Record<string, string>, publish = true) {
  const m = await makeMeeting(env, bodyId);
  const ids: Record<string, string> = {};
  for (const title of Object.keys(outcomes)) {
    const agenda = (await sec.post(`/api/meetings/${m.id}/agenda`, { title, minutesRequested: 20 })).body.agenda;
    ids[title] = agenda.at(-1).id;
  }
  expect((await sec.post(`/api/meetings/${m.id}/announce`)).status).toBe(200);
  const startsAt = jst(-daysAgo, 14);
  await env.ctx.db
    .updateTable("meetings")
    .set({ starts_at: startsAt, ends_at: jst(-daysAgo, 16), proposal_deadline: null, attendance_deadline: null })
    .where("id", "=", m.id)
    .execute();
  expect((await sec.post(`/api/meetings/${m.id}/held`)).status).toBe(200);
  const byId = Object.fromEntries(Object.entries(outcomes).map(([t, o]) => [ids[t]!, o]));
  expect((await sec.put(`/api/meetings/${m.id}/minutes`, { bodyMd: "議事概要", outcomes: byId })).status).toBe(200);
  if (publish) {
    expect((await sec.post(`/api/meetings/${m.id}/minutes/approve`)).status).toBe(200);
    expect((await sec.post(`/api/meetings/${m.id}/minutes/publish`)).status).toBe(200);
  }
  const name = (await sec.get(`/api/meetings/${m.id}`)).body.name as string;
  return { id: m.id, name, startsAt, ids };
}

const reportItems = (meetingId: string) =>
  env.ctx.db
    .selectFrom("agenda_items")
    .select(["id", "title", "purpose", "status", "source_ref"])
    .where("meeting_id", "=", meetingId)
    .where("source_ref", "like", "child-report:%")
    .orderBy("position")
    .execute();

describe("部会・WGの報告 (standing items of the child bodies' outcomes)", () => {
  it("lists each child body's meetings since the parent's last meeting with their outcomes; adds one item per body, once", async () => {
    const parent = await body("テスト連携会議", null);
    const wgA = await body("テストA WG", parent);
    const wgB = await body("テストB WG", parent);
    const secret = await body("テスト非公開WG", parent, "members");
    await sec.post(`/api/bodies/${secret}/members`, { orgId: env.demo.orgs["阿武町"], position: "member" });

    await held(wgA, 40, { 古い議題: "前回会議より前の決定" });
    await held(wgB, 35, { Bの議題: "前回会議より前のBの決定" });
    const previous = await held(parent, 30, { 親の議題: "親会議の決定" });
    const a1 = await held(wgA, 20, { 共通様式の検討: "共通様式案を了承した。", 研修の実施: "秋に合同研修を行う。" });
    const a2 = await held(wgA, 10, { 調達方針: "共同調達を進める。" });
    const a3 = await held(wgA, 5, { 未公開の議題: "下書きの決定" }, false);
    await held(secret, 8, { 非公開の議題: "委員限りの決定" });
    // A meeting of the open WG B that is 委員限り as a whole: left out of the reports for everyone (no item for B).
    const closed = await held(wgB, 12, { B委員限りの議題: "委員限り会議の決定" });
    const level = { meeting: "members", minutes: "closed", agendaItems: [], materials: [], acceptFindings: true };
    expect((await sec.put(`/api/meetings/${closed.id}/publication`, level)).status).toBe(200);
    const meeting = await makeMeeting(env, parent);

    const expected = {
      since: previous.startsAt,
      bodies: [
        {
          body: { id: wgA, name: "テストA WG" },
          membersOnly: false,
          agendaItemId: null,
          meetings: [
            {
              id: a1.id,
              name: a1.name,
              heldAt: a1.startsAt,
              minutesPublished: true,
              outcomes: [
                { agendaItemId: a1.ids.共通様式の検討, agendaTitle: "共通様式の検討", decision: "共通様式案を了承した。" },
                { agendaItemId: a1.ids.研修の実施, agendaTitle: "研修の実施", decision: "秋に合同研修を行う。" },
              ],
            },
            {
              id: a2.id,
              name: a2.name,
              heldAt: a2.startsAt,
              minutesPublished: true,
              outcomes: [{ agendaItemId: a2.ids.調達方針, agendaTitle: "調達方針", decision: "共同調達を進める。" }],
            },
            { id: a3.id, name: a3.name, heldAt: a3.startsAt, minutesPublished: false, outcomes: [] },
          ],
        },
        { body: { id: wgB, name: "テストB WG" }, membersOnly: false, agendaItemId: null, meetings: [] },
      ],
    };
    // 上関町 is not a member of the members-only WG: it is not listed at all.
    const kaminoseki = await env.as("kaminoseki@example.jp");
    const seen = await kaminoseki.get(`/api/meetings/${meeting.id}/child-reports`);
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual(expected);
    expect(JSON.stringify(seen.body)).not.toContain("委員限り");
    // 阿武町 is a member: it sees that WG's meeting too.
    const abu = await env.as("abu@example.jp");
    const abuBodies = (await abu.get(`/api/meetings/${meeting.id}/child-reports`)).body.bodies;
    expect(abuBodies.map((b: { body: { id: string } }) => b.body.id)).toEqual([wgA, wgB, secret]);
    expect(abuBodies[2].membersOnly).toBe(true);
    expect(abuBodies[2].meetings[0].outcomes[0].decision).toBe("委員限りの決定");
    expect(JSON.stringify(abuBodies)).not.toContain(closed.id);

    const added = await sec.post(`/api/meetings/${meeting.id}/child-reports`);
    expect(added.status).toBe(200);
    expect(added.body.added).toBe(1);
    // WG B did not meet: no item. The members-only WG: no item (its outcomes would reach every council member).
    const items = await reportItems(meeting.id);
    expect(items).toEqual([
      {
        id: expect.any(String),
        title: "テストA WG報告",
        status: "accepted",
        source_ref: `child-report:${wgA}`,
        purpose: [
          `前回会議（${day(previous.startsAt)}）以降の開催状況`,
          "",
          `■ ${a1.name}（${day(a1.startsAt)}）`,
          "・共通様式の検討：共通様式案を了承した。",
          "・研修の実施：秋に合同研修を行う。",
          "",
          `■ ${a2.name}（${day(a2.startsAt)}）`,
          "・調達方針：共同調達を進める。",
          "",
          `■ ${a3.name}（${day(a3.startsAt)}）`,
          "・議事録は未公開です。",
        ].join("\n"),
      },
    ]);
    expect(added.body.reports.bodies[0].agendaItemId).toBe(items[0]!.id);
    const detail = (await kaminoseki.get(`/api/meetings/${meeting.id}`)).body;
    expect(detail.agenda.map((i: { title: string }) => i.title)).toContain("テストA WG報告");

    const audit = await lastAudit(env, "agenda.addChildReports");
    expect(audit).toMatchObject({ subject_type: "meeting", subject_id: meeting.id });
    expect(JSON.parse(audit!.changes!)).toEqual({ items: [{ bodyId: wgA, itemId: items[0]!.id }] });

    // A second call is a no-op: nothing added, no new audit row.
    const again = await sec.post(`/api/meetings/${meeting.id}/child-reports`);
    expect(again.status).toBe(200);
    expect(again.body.added).toBe(0);
    expect(await reportItems(meeting.id)).toHaveLength(1);
    expect((await lastAudit(env, "agenda.addChildReports"))!.seq).toBe(audit!.seq);
    // Two calls at once (a double click) still add nothing twice.
    await env.ctx.db.updateTable("agenda_items").set({ status: "withdrawn" }).where("id", "=", items[0]!.id).execute();
    const both = await Promise.all([
      sec.post(`/api/meetings/${meeting.id}/child-reports`),
      sec.post(`/api/meetings/${meeting.id}/child-reports`),
    ]);
    expect(both.map((r) => r.body.added).sort()).toEqual([0, 1]);
    expect((await reportItems(meeting.id)).filter((i) => i.status === "accepted")).toHaveLength(1);
  });

  it("with no earlier meeting of the parent, reports the fiscal year so far", async () => {
    const parent = await body("初回の連携会議", null);
    const wg = await body("初回のWG", parent);
    const w = await held(wg, 1, { 初回の議題: "了承した。" });
    const meeting = await makeMeeting(env, parent);
    const res = (await sec.get(`/api/meetings/${meeting.id}/child-reports`)).body;
    expect(res.since).toBeNull();
    const sameYear =
      (await sec.get(`/api/meetings/${meeting.id}`)).body.fiscalYear === (await sec.get(`/api/meetings/${w.id}`)).body.fiscalYear;
    expect(res.bodies[0].meetings.map((m: { id: string }) => m.id)).toEqual(sameYear ? [w.id] : []);
  });

  it("401 signed out, 403 for a town, 404 for a members-only body's meeting, 409 once held; nothing added", async () => {
    const meeting = await makeMeeting(env, env.demo.bodies.hq);
    const url = `/api/meetings/${meeting.id}/child-reports`;
    expect((await env.anon.get(url)).status).toBe(401);
    expect((await env.anon.post(url)).status).toBe(401);
    // The HQ is for its members: a town sees neither its meeting nor its reports.
    const abu = await env.as("abu@example.jp");
    expect((await abu.get(url)).status).toBe(404);
    expect((await abu.post(url)).status).toBe(404);
    expect((await abu.get("/api/meetings/00000000-0000-4000-8000-000000000000/child-reports")).status).toBe(404);

    const council = await makeMeeting(env, env.demo.bodies.council);
    expect((await abu.get(`/api/meetings/${council.id}/child-reports`)).status).toBe(200);
    const refused = await abu.post(`/api/meetings/${council.id}/child-reports`);
    expect(refused.status).toBe(403);
    expect(await reportItems(council.id)).toEqual([]);

    const wg = await held(env.demo.bodies.wgOnline, 3, { オンライン化の議題: "推進する。" });
    const past = await held(env.demo.bodies.council, 1, { 議題: "了承" });
    const closed = await sec.post(`/api/meetings/${past.id}/child-reports`);
    expect(closed.status).toBe(409);
    expect(closed.body.error.message).toContain("開催済み");
    expect(await reportItems(past.id)).toEqual([]);
    expect(wg.id).toBeTruthy();
  });
});
