import { beforeAll, describe, expect, it } from "vitest";
import type { TestEnv } from "../../platform/testing/harness.js";
import { testEnv } from "../../platform/testing/harness.js";
import { makeMeeting, startedYesterday } from "./test-support.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

/** A held meeting of the body with one accepted item and minutes recording its outcome; published when asked. */
async function decided(bodyId: string, title: string, outcome: string, publish: boolean) {
  const sec = await env.as("secretariat@example.jp");
  const m = await makeMeeting(env, bodyId);
  const itemId = (await sec.post(`/api/meetings/${m.id}/agenda`, { title, minutesRequested: 20 })).body.agenda[0].id as string;
  await sec.post(`/api/meetings/${m.id}/announce`);
  await startedYesterday(env, m.id);
  await sec.post(`/api/meetings/${m.id}/held`);
  expect((await sec.put(`/api/meetings/${m.id}/minutes`, { bodyMd: "議事概要", outcomes: { [itemId]: outcome } })).status).toBe(
    200,
  );
  if (publish) {
    await sec.post(`/api/meetings/${m.id}/minutes/approve`);
    expect((await sec.post(`/api/meetings/${m.id}/minutes/publish`)).status).toBe(200);
  }
  return { meetingId: m.id, itemId, fiscalYear: (await sec.get(`/api/meetings/${m.id}`)).body.fiscalYear as number };
}

describe("register of decisions (決定事項)", () => {
  it("lists outcomes of published minutes across bodies, filtered by body, fiscal year and words; drafts stay out", async () => {
    const council = await decided(env.demo.bodies.council, "標準化の移行計画", "移行計画を了承した。", true);
    const wg = await decided(env.demo.bodies.wgOnline, "電子申請の共通様式", "共通様式案をWGとして決定した。", true);
    const draft = await decided(env.demo.bodies.council, "未公開の議題", "下書きの決定事項", false);
    const hq = await decided(env.demo.bodies.hq, "本部限りの議題", "本部だけの決定事項", true);

    const abu = await env.as("abu@example.jp");
    const all = (await abu.get("/api/decisions?limit=500")).body;
    const titles = all.items.map((d: { agendaTitle: string }) => d.agendaTitle);
    expect(titles).toEqual(expect.arrayContaining(["標準化の移行計画", "電子申請の共通様式"]));
    expect(titles).not.toContain("未公開の議題");
    // The HQ is for its members: a town does not see its decisions; the secretariat does.
    expect(titles).not.toContain("本部限りの議題");
    const secTitles = (await (await env.as("secretariat@example.jp")).get("/api/decisions?limit=500")).body.items.map(
      (d: { agendaTitle: string }) => d.agendaTitle,
    );
    expect(secTitles).toContain("本部限りの議題");
    expect(secTitles).not.toContain("未公開の議題");
    expect(all.items.find((d: { agendaItemId: string }) => d.agendaItemId === council.itemId)).toMatchObject({
      meetingId: council.meetingId,
      body: { id: env.demo.bodies.council },
      decision: "移行計画を了承した。",
      fiscalYear: council.fiscalYear,
    });
    expect(all.total).toBe(all.items.length);

    const byBody = (await abu.get(`/api/decisions?bodyId=${env.demo.bodies.wgOnline}`)).body.items;
    expect(byBody.map((d: { agendaItemId: string }) => d.agendaItemId)).toContain(wg.itemId);
    expect(byBody.every((d: { body: { id: string } }) => d.body.id === env.demo.bodies.wgOnline)).toBe(true);
    const words = (await abu.get(`/api/decisions?q=${encodeURIComponent("ＷＧとして")}`)).body.items;
    expect(words.map((d: { agendaItemId: string }) => d.agendaItemId)).toEqual([wg.itemId]);
    expect((await abu.get(`/api/decisions?fiscalYear=${council.fiscalYear - 5}`)).body.items).toEqual([]);
    expect(draft.itemId && hq.itemId).toBeTruthy();
  });

  it("401 signed out; a bad fiscal year is a 400 with a message", async () => {
    expect((await env.anon.get("/api/decisions")).status).toBe(401);
    const res = await (await env.as("abu@example.jp")).get("/api/decisions?fiscalYear=abc");
    expect(res.status).toBe(400);
  });
});
