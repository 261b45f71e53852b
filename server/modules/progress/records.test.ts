import { beforeAll, describe, expect, it, vi } from "vitest";
import { jstDate } from "../../../shared/dates/jst.js";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { actorOf } from "../demo/factories.js";
import { applyProgressUpdates } from "./service.js";
import { postMultipart, progressIds } from "./test-support.js";

let env: TestEnv;
let abuOrg: string;
let shunanOrg: string;
let juki: string; // 住民基本台帳
let koseki: string; // 戸籍: 阿武町 is still migrating it
let steps: string[];
beforeAll(async () => {
  env = await testEnv();
  abuOrg = env.demo.orgs.阿武町!;
  shunanOrg = env.demo.orgs.周南市!;
  const ids = await progressIds(env);
  juki = await ids.item("standardisation", "01");
  koseki = await ids.item("standardisation", "19");
  steps = await ids.steps(juki);
});

const url = (org: string, item: string) => `/api/progress/records/${org}/${item}`;

describe("a municipality's record", () => {
  it("is read by every member, editable only by its own municipality and the secretariat", async () => {
    const abu = await env.as("abu@example.jp");
    const mine = await abu.get(url(abuOrg, juki));
    expect(mine.status).toBe(200);
    expect(mine.body.steps).toHaveLength(12);
    expect(mine.body.item.name).toBe("住民基本台帳");
    expect(mine.body.abilities.canEdit).toBe(true);
    expect((await abu.get(url(shunanOrg, juki))).body.abilities.canEdit).toBe(false);
    const observer = await env.as("observer@example.jp");
    expect((await observer.get(url(abuOrg, juki))).body.abilities.canEdit).toBe(false);
    expect((await env.anon.get(url(abuOrg, juki))).status).toBe(401);
  });

  it("404s for an unknown item or an organisation that is not a municipality", async () => {
    const abu = await env.as("abu@example.jp");
    expect((await abu.get(url(abuOrg, crypto.randomUUID()))).status).toBe(404);
    expect((await abu.get(url(env.demo.orgs.山口県!, juki))).status).toBe(404);
    expect((await abu.patch(url(crypto.randomUUID(), juki), { note: "x" })).status).toBe(404);
  });

  it("lets 阿武町 update its step, keeps who/when/before/after, and the dashboard cell moves", async () => {
    const abu = await env.as("abu@example.jp");
    const before = (await abu.get(url(abuOrg, koseki))).body;
    const open = before.steps.findIndex((s: { status: string }) => s.status !== "done");
    const target = before.steps[open];
    const dash0 = (await abu.get("/api/progress/dashboard/matrix")).body;
    const oi = dash0.orgIds.indexOf(abuOrg);
    const res = await abu.patch(url(abuOrg, koseki), {
      steps: [{ stepId: target.stepId, status: "done", actualDate: jstDate() }],
      note: "テスト完了を確認",
      expectedVersion: before.version,
    });
    expect(res.status).toBe(200);
    expect(res.body.done).toBe(before.done + 1);
    expect(res.body.version).toBe(before.version + 1);
    expect(res.body.updatedBy.name).toBe("阿武 由美");
    const audit = await lastAudit(env, "progress.update");
    expect(audit?.actor_user_id).toBe(env.demo.users["abu@example.jp"]);
    expect(JSON.parse(audit!.changes!).steps[target.stepId].status).toEqual([target.status, "done"]);
    const hist = (await abu.get(`${url(abuOrg, koseki)}/history`)).body;
    expect(hist.items[0].note).toBe("テスト完了を確認");
    expect(hist.items[0].actor.name).toBe("阿武 由美");
    expect(hist.items[0].source).toBe("manual");
    expect(hist.items[0].changes).toContainEqual({
      target: "step",
      label: expect.any(String),
      field: "status",
      before: target.status,
      after: "done",
    });
    const dash1 = (await abu.get("/api/progress/dashboard/matrix")).body;
    expect(dash1.cells[oi][18]).toBeGreaterThan(dash0.cells[oi][18]);

    // Yesterday's view is rebuilt from the history: the step was still open.
    const yesterday = new Date(Date.now() - 86400_000 + 9 * 3600_000).toISOString().slice(0, 10);
    const past = (await abu.get(`${url(abuOrg, koseki)}?asOf=${yesterday}`)).body;
    expect(past.steps[open].status).toBe(target.status);
    expect(past.abilities.canEdit).toBe(false);

    // The editor saw version N; a second save on N is stale.
    const stale = await abu.patch(url(abuOrg, koseki), { note: "古い画面から", expectedVersion: before.version });
    expect(stale.status).toBe(409);
  });

  it("answers 403 to another town, a specialist and an observer; the secretariat may update any", async () => {
    const abu = await env.as("abu@example.jp");
    const body = { steps: [{ stepId: steps[0], plannedDate: "2027-01-01" }] };
    expect((await abu.patch(url(shunanOrg, juki), body)).status).toBe(403);
    expect((await (await env.as("specialist@example.jp")).patch(url(shunanOrg, juki), body)).status).toBe(403);
    expect((await (await env.as("observer@example.jp")).patch(url(shunanOrg, juki), body)).status).toBe(403);
    expect((await env.anon.patch(url(shunanOrg, juki), body)).status).toBe(401);
    const sec = await env.as("secretariat@example.jp");
    const ok = await sec.patch(url(shunanOrg, juki), body);
    expect(ok.status).toBe(200);
    expect(ok.body.steps[0].plannedDate).toBe("2027-01-01");
  });

  it("rejects bad input with the field named, and writes nothing", async () => {
    const abu = await env.as("abu@example.jp");
    const v0 = (await abu.get(url(abuOrg, juki))).body.version;
    const future = await abu.patch(url(abuOrg, juki), {
      steps: [
        { stepId: steps[11], status: "done", actualDate: "2099-01-01" },
        { stepId: steps[10], plannedDate: "2027-01-01" },
      ],
    });
    expect(future.status).toBe(400);
    expect(future.body.error.details.issues).toEqual([
      { path: "steps.0.actualDate", message: "実績日に未来の日付は入力できません" },
    ]);
    const badStatus = await abu.patch(url(abuOrg, juki), { steps: [{ stepId: steps[11], status: "finished" }] });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.details.issues[0].path).toBe("steps.0.status");
    const badDate = await abu.patch(url(abuOrg, juki), { steps: [{ stepId: steps[11], plannedDate: "2026/13/01" }] });
    expect(badDate.status).toBe(400);
    const badException = await abu.patch(url(abuOrg, juki), { exception: { flagged: true } });
    expect(badException.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual([
      "exception.reason",
      "exception.revisedTarget",
    ]);
    expect((await abu.get(url(abuOrg, juki))).body.version).toBe(v0);
  });

  it("flags an exception with its reason and revised target", async () => {
    const abu = await env.as("abu@example.jp");
    const res = await abu.patch(url(abuOrg, juki), {
      exception: { flagged: true, reason: "ベンダの対応が遅れているため", revisedTarget: "2028-03-31" },
    });
    expect(res.status).toBe(200);
    expect(res.body.exception).toEqual({ flagged: true, reason: "ベンダの対応が遅れているため", revisedTarget: "2028-03-31" });
  });

  it("attaches an evidence file that every member can download", async () => {
    const abu = await env.as("abu@example.jp");
    const up = await postMultipart(env, abu, "/api/progress/evidence", {
      name: "議事録.txt",
      type: "text/plain",
      data: "移行判定会議 議事録",
    });
    expect(up.status).toBe(201);
    const res = await abu.patch(url(abuOrg, juki), { note: "判定会議の議事録", evidenceFileId: up.body.id });
    expect(res.status).toBe(200);
    const entry = (await abu.get(`${url(abuOrg, juki)}/history`)).body.items[0];
    expect(entry.evidence.name).toBe("議事録.txt");
    const shunan = await env.as("shunan@example.jp");
    const dl = await shunan.get(`/api/progress/history/${entry.id}/evidence`);
    expect(dl.status).toBe(200);
    expect(dl.text).toBe("移行判定会議 議事録");
    expect((await env.anon.get(`/api/progress/history/${entry.id}/evidence`)).status).toBe(401);
    expect((await shunan.get(`/api/progress/history/${crypto.randomUUID()}/evidence`)).status).toBe(404);
    // Someone else's upload cannot be attached.
    const other = await shunan.patch(url(shunanOrg, juki), { evidenceFileId: up.body.id });
    expect(other.status).toBe(400);
    expect(other.body.error.details.issues[0].path).toBe("evidenceFileId");
    expect((await (await env.as("observer@example.jp")).get("/api/progress/programmes")).status).toBe(200);
    const obs = await postMultipart(env, await env.as("observer@example.jp"), "/api/progress/evidence", {
      name: "a.txt",
      type: "text/plain",
      data: "x",
    });
    expect(obs.status).toBe(403);
  });
});

describe("applyProgressUpdates (for the surveys module)", () => {
  it("dry-runs, then applies with the survey as source, all or nothing", async () => {
    const sec = await env.as("secretariat@example.jp");
    void sec;
    const actorCtx = { ...env.ctx, actor: await actorOf(env.ctx, "secretariat@example.jp") };
    const update = { orgId: shunanOrg, itemId: juki, steps: [{ stepId: steps[11]!, plannedDate: "2027-02-01" }], ref: "回答1" };
    const dry = await applyProgressUpdates(actorCtx, [update], { source: "survey", dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, applied: 1, issues: [] });
    const bad = await applyProgressUpdates(
      actorCtx,
      [update, { orgId: shunanOrg, itemId: juki, steps: [{ stepId: steps[0]!, actualDate: "bad" }], ref: "回答2" }],
      { source: "survey", dryRun: true },
    );
    expect(bad.issues).toEqual([{ path: "回答2.steps.0.actualDate", message: expect.stringContaining("YYYY-MM-DD") }]);
    await expect(
      applyProgressUpdates(actorCtx, [update, { orgId: crypto.randomUUID(), itemId: juki, ref: "回答3" }], { source: "survey" }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const done = await applyProgressUpdates(actorCtx, [update], { source: "survey" });
    expect(done.applied).toBe(1);
    const hist = (await sec.get(`${url(shunanOrg, juki)}/history`)).body.items[0];
    expect(hist.source).toBe("survey");
  });
});

describe("a record's history in time order", () => {
  it("dates a write after the record's last one when the clock has not moved past it (one millisecond, a clock behind)", async () => {
    const actorCtx = { ...env.ctx, actor: await actorOf(env.ctx, "secretariat@example.jp") };
    const sec = await env.as("secretariat@example.jp");
    const step = steps[5]!;
    const status = async (asOf?: string) =>
      (
        (await sec.get(`${url(abuOrg, juki)}${asOf ? `?asOf=${asOf}` : ""}`)).body.steps as { stepId: string; status: string }[]
      ).find((s) => s.stepId === step)!.status;
    const initial = await status();
    const set = (s: "in_progress" | "done") =>
      applyProgressUpdates(actorCtx, [{ orgId: abuOrg, itemId: juki, steps: [{ stepId: step, status: s }] }], {
        source: "manual",
      });
    // Tomorrow at noon (JST), so that "as of today" rewinds both writes.
    const noon = Date.parse(`${jstDate(new Date(Date.now() + 86400_000))}T12:00:00+09:00`);
    vi.useFakeTimers({ toFake: ["Date"], now: noon });
    try {
      await set("in_progress");
      await set("done"); // the same millisecond
      vi.setSystemTime(noon - 50); // an instance whose clock is 50 ms behind
      await set("in_progress");
    } finally {
      vi.useRealTimers();
    }
    const items = (await sec.get(`${url(abuOrg, juki)}/history?limit=3`)).body.items as { at: string; changes: unknown[] }[];
    const statusOf = (h: (typeof items)[number]) =>
      (h.changes as { field: string; after: string }[]).find((c) => c.field === "status")?.after;
    expect(items.map(statusOf)).toEqual(["in_progress", "done", "in_progress"]);
    expect(items.map((h) => Date.parse(h.at) - noon)).toEqual([2, 1, 0]);
    expect(await status()).toBe("in_progress");
    // Rewound newest first, the three writes undo to what the step was before them.
    expect(await status(jstDate())).toBe(initial);
  });
});
