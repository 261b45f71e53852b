import { beforeAll, describe, expect, it } from "vitest";
import { addBusinessDays } from "../../../shared/dates/calendar.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { enqueue } from "../../platform/jobs/queue.js";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { REMINDER_JOB } from "./actions.js";
import { makeMeeting, startedYesterday } from "./test-support.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

async function heldMeeting() {
  const sec = await env.as("secretariat@example.jp");
  const m = await makeMeeting(env, env.demo.bodies.council);
  const detail = (await sec.post(`/api/meetings/${m.id}/agenda`, { title: "標準化の進捗共有", minutesRequested: 30 })).body;
  await sec.post(`/api/meetings/${m.id}/announce`);
  await startedYesterday(env, m.id);
  await sec.post(`/api/meetings/${m.id}/held`);
  return { m, sec, itemId: detail.agenda[0].id as string };
}

describe("minutes", () => {
  it("drafts, approves and publishes; published minutes are read-only; a correction makes a new revision", async () => {
    const { m, sec, itemId } = await heldMeeting();
    const abu = await env.as("abu@example.jp");
    const md = "## 議事概要\n\n- 各市町の進捗を共有した。\n\n<script>alert(1)</script><img src=x onerror=alert(1)>";
    const saved = await sec.put(`/api/meetings/${m.id}/minutes`, { bodyMd: md, outcomes: { [itemId]: "移行計画を了承した。" } });
    expect(saved.status).toBe(200);
    expect(saved.body.current.status).toBe("draft");
    expect(saved.body.current.html).toContain("<h2>議事概要</h2>");
    expect(saved.body.current.html).not.toContain("<script");
    expect(saved.body.current.html).not.toContain("onerror");
    expect((await lastAudit(env, "minutes.save"))?.subject_id).toBe(m.id);
    // Members do not see drafts.
    expect((await abu.get(`/api/meetings/${m.id}/minutes`)).body.current).toBeNull();
    expect((await sec.post(`/api/meetings/${m.id}/minutes/publish`)).status).toBe(409);
    expect((await abu.post(`/api/meetings/${m.id}/minutes/approve`)).status).toBe(403);

    const approved = await sec.post(`/api/meetings/${m.id}/minutes/approve`);
    expect(approved.body.current.status).toBe("approved");
    expect((await lastAudit(env, "minutes.approve"))?.subject_id).toBe(m.id);
    const published = await sec.post(`/api/meetings/${m.id}/minutes/publish`);
    expect(published.body.current.status).toBe("published");
    expect((await lastAudit(env, "minutes.publish"))?.subject_id).toBe(m.id);
    expect((await sec.get(`/api/meetings/${m.id}`)).body.status).toBe("minutes_published");
    const seen = await abu.get(`/api/meetings/${m.id}/minutes`);
    expect(seen.body.current.outcomes[itemId]).toBe("移行計画を了承した。");
    expect(
      (await abu.get("/api/notifications")).body.items.some((n: { title: string }) => n.title.startsWith("議事録を公開しました")),
    ).toBe(true);

    const edit = await sec.put(`/api/meetings/${m.id}/minutes`, { bodyMd: "書き換え", outcomes: {} });
    expect(edit.status).toBe(409);
    expect(edit.body.error.message).toContain("訂正版");

    const corrected = await sec.post(`/api/meetings/${m.id}/minutes/corrections`, { reason: "出席者名の誤記" });
    expect(corrected.body.current).toMatchObject({ revision: 2, status: "draft", correctionReason: "出席者名の誤記" });
    expect((await lastAudit(env, "minutes.correct"))?.subject_id).toBe(m.id);
    await sec.put(`/api/meetings/${m.id}/minutes`, {
      bodyMd: `${md}\n\n（訂正）`,
      outcomes: { [itemId]: "移行計画を了承した。" },
    });
    await sec.post(`/api/meetings/${m.id}/minutes/approve`);
    const second = await sec.post(`/api/meetings/${m.id}/minutes/publish`);
    expect(second.body.history.map((h: { revision: number; status: string }) => [h.revision, h.status])).toEqual([
      [2, "published"],
      [1, "published"],
    ]);
    const first = await abu.get(`/api/meetings/${m.id}/minutes/revisions/1`);
    expect(first.status).toBe(200);
    expect(first.body.bodyMd).toBe(md);
  });

  it("401 signed out, 403 for members writing, 404 on a members-only body, 400 for stray outcomes", async () => {
    const { m, sec } = await heldMeeting();
    expect((await env.anon.get(`/api/meetings/${m.id}/minutes`)).status).toBe(401);
    const abu = await env.as("abu@example.jp");
    expect((await abu.put(`/api/meetings/${m.id}/minutes`, { bodyMd: "x" })).status).toBe(403);
    expect((await abu.post(`/api/meetings/${m.id}/minutes/corrections`, { reason: "x" })).status).toBe(403);
    const stray = await sec.put(`/api/meetings/${m.id}/minutes`, { bodyMd: "x", outcomes: { [crypto.randomUUID()]: "y" } });
    expect(stray.status).toBe(400);
    const rpa = await makeMeeting(env, env.demo.bodies.wgRpa);
    const kaminoseki = await env.as("kaminoseki@example.jp");
    expect((await kaminoseki.get(`/api/meetings/${rpa.id}/minutes`)).status).toBe(404);
    expect((await kaminoseki.get(`/api/meetings/${rpa.id}/minutes/revisions/1`)).status).toBe(404);
  });
});

describe("action items", () => {
  it("are created from an agenda item, listed for the owner, updated by the owner only, and marked overdue", async () => {
    const { m, sec, itemId } = await heldMeeting();
    const abuOrg = env.demo.orgs.阿武町!;
    const created = await sec.post(`/api/meetings/${m.id}/action-items`, {
      agendaItemId: itemId,
      title: "移行計画の提出",
      ownerOrgId: abuOrg,
      dueDate: "2020-04-30",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "open", overdue: true, agendaTitle: "標準化の進捗共有" });
    expect((await lastAudit(env, "action.create"))?.subject_id).toBe(created.body.id);

    const abu = await env.as("abu@example.jp");
    const mine = await abu.get("/api/action-items?mine=true");
    expect(mine.body.items.map((a: { id: string }) => a.id)).toContain(created.body.id);
    const shunan = await env.as("shunan@example.jp");
    expect((await shunan.get("/api/action-items?mine=true")).body.items.map((a: { id: string }) => a.id)).not.toContain(
      created.body.id,
    );
    expect((await shunan.patch(`/api/action-items/${created.body.id}`, { status: "done" })).status).toBe(403);
    expect((await abu.patch(`/api/action-items/${created.body.id}`, { dueDate: "2030-01-01" })).status).toBe(403);
    expect((await env.anon.get("/api/action-items?mine=true")).status).toBe(401);
    expect(
      (await abu.post(`/api/meetings/${m.id}/action-items`, { title: "x", ownerOrgId: abuOrg, dueDate: "2030-01-01" })).status,
    ).toBe(403);

    const done = await abu.patch(`/api/action-items/${created.body.id}`, { status: "done" });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: "done", overdue: false });
    expect(JSON.parse((await lastAudit(env, "action.update"))!.changes!).status).toEqual(["open", "done"]);
    expect((await abu.get("/api/action-items?mine=true")).body.items.map((a: { id: string }) => a.id)).not.toContain(
      created.body.id,
    );
  });

  it("404s on a members-only body's action item and refuses a meeting not yet held", async () => {
    const sec = await env.as("secretariat@example.jp");
    const rpa = await makeMeeting(env, env.demo.bodies.wgRpa);
    const early = await sec.post(`/api/meetings/${rpa.id}/action-items`, {
      title: "x",
      ownerOrgId: env.demo.orgs.阿武町,
      dueDate: "2030-01-01",
    });
    expect(early.status).toBe(409);
    await sec.post(`/api/meetings/${rpa.id}/announce`);
    await startedYesterday(env, rpa.id);
    await sec.post(`/api/meetings/${rpa.id}/held`);
    const a = await sec.post(`/api/meetings/${rpa.id}/action-items`, {
      title: "RPAシナリオ共有",
      ownerOrgId: env.demo.orgs.阿武町,
      dueDate: "2030-01-01",
    });
    const kaminoseki = await env.as("kaminoseki@example.jp");
    expect((await kaminoseki.patch(`/api/action-items/${a.body.id}`, { status: "done" })).status).toBe(404);
    expect(
      (
        await kaminoseki.post(`/api/meetings/${rpa.id}/action-items`, {
          title: "x",
          ownerOrgId: env.demo.orgs.上関町,
          dueDate: "2030-01-01",
        })
      ).status,
    ).toBe(404);
  });

  it("reminds the owner organisation before the due date through the job queue, once", async () => {
    const { m, sec } = await heldMeeting();
    const due = addBusinessDays(jstDate(), 2);
    const a = await sec.post(`/api/meetings/${m.id}/action-items`, {
      title: "アンケート回答",
      ownerOrgId: env.demo.orgs.美祢市,
      dueDate: due,
    });
    await enqueue(env.ctx, REMINDER_JOB, {});
    await env.worker.runOnce();
    const mine = await env.as("mine@example.jp");
    const titles = (await mine.get("/api/notifications")).body.items.map((n: { title: string }) => n.title);
    expect(titles.filter((t: string) => t === "期限が近い対応事項：アンケート回答")).toHaveLength(1);
    expect((await lastAudit(env, "action.remind"))?.subject_id).toBe(a.body.id);
    await enqueue(env.ctx, REMINDER_JOB, {});
    await env.worker.runOnce();
    const again = (await mine.get("/api/notifications")).body.items.map((n: { title: string }) => n.title);
    expect(again.filter((t: string) => t === "期限が近い対応事項：アンケート回答")).toHaveLength(1);
  });
});
