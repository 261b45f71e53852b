import { beforeAll, describe, expect, it } from "vitest";
import { defaultInsightRules } from "../../../shared/api/insight.js";
import { auditMark, auditSince, type Client, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { makeMeeting } from "../meetings/test-support.js";
import { suggestionFixture } from "./test-fixture.js";

let env: TestEnv;
let sec: Client;
let fx: Awaited<ReturnType<typeof suggestionFixture>>;
const url = () => `/api/insight/meetings/${fx.meeting.id}/suggestions`;

beforeAll(async () => {
  env = await testEnv();
  sec = await env.as("secretariat@example.jp");
  fx = await suggestionFixture(env);
});

const brief = (items: any[]) => items.map((s) => ({ key: s.key, score: s.score, counts: s.counts, towns: s.towns }));

describe("agenda suggestions", () => {
  it("yields exactly the fixture's three suggestions, ranked, with their evidence and nothing else", async () => {
    const res = await sec.get(url());
    expect(res.status).toBe(200);
    expect(res.body.meeting).toMatchObject({ id: fx.meeting.id, bodyName: "ガバメントクラウド移行WG" });
    expect(brief(res.body.items)).toEqual([
      {
        key: `challenge:${fx.sharedChallenge}`,
        score: 2.67,
        counts: [
          { label: "共有する団体数", value: 4 },
          { label: "未解決の日数", value: 60 },
        ],
        towns: ["萩市", "宇部市", "周南市", "阿武町"],
      },
      {
        key: "desk:online",
        score: 2,
        counts: [
          { label: "相談件数", value: 5 },
          { label: "相談した団体数", value: 3 },
          { label: "前の期間の件数", value: 0 },
        ],
        towns: ["山口市", "周南市", "阿武町"],
      },
      {
        key: `progress:${fx.itemA}`,
        score: 1.18,
        counts: [
          { label: "遅れている団体数", value: 3 },
          { label: "期限までの月数", value: 4.9 },
        ],
        towns: ["宇部市", "萩市", "阿武町"],
      },
    ]);
    const [challenge, desk, progress] = res.body.items;
    expect(challenge.title).toBe("課題「ガバメントクラウド接続回線の調達」（4団体で共有）");
    expect(challenge.links).toEqual([{ label: "ガバメントクラウド接続回線の調達", href: `/challenges/${fx.sharedChallenge}` }]);
    expect(desk.links).toEqual([{ label: "行政手続のオンライン化の相談", href: "/consultations?category=online" }]);
    expect(progress.title).toBe("「戸籍」の進捗の遅れ（3団体、期限まで約5か月）");
    expect(progress.purpose).toContain("宇部市、萩市、阿武町の3団体が計画より遅れています");
    expect(progress.links).toEqual([{ label: "戸籍", href: `/progress/items/${fx.itemA}` }]);
    expect(res.body.rules).toEqual(defaultInsightRules);
  });

  it("thresholds are visible and adjustable; out of range is a 400 in Japanese and nothing changes", async () => {
    const before = await sec.get("/api/insight/rules");
    expect(before.body).toMatchObject({ rules: defaultInsightRules, updatedAt: null, canEdit: true });

    const bad = structuredClone(defaultInsightRules);
    bad.challenge.minTowns = 1;
    bad.desk.windowDays = 9999;
    const refused = await sec.put("/api/insight/rules", bad);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.issues.map((i: any) => i.message).sort()).toEqual([
      "共有する団体数は2〜100の範囲で入力してください",
      "集計期間の日数は7〜366の範囲で入力してください",
    ]);
    expect((await sec.get("/api/insight/rules")).body).toEqual(before.body);

    // Five towns needed: the challenge shared by four drops out; back to the defaults brings it back.
    const mark = await auditMark(env);
    const stricter = structuredClone(defaultInsightRules);
    stricter.challenge.minTowns = 5;
    const ok = await sec.put("/api/insight/rules", stricter);
    expect(ok.status).toBe(200);
    expect(ok.body.rules.challenge.minTowns).toBe(5);
    expect((await sec.get(url())).body.items.map((s: any) => s.kind)).toEqual(["desk", "progress"]);
    const audits = await auditSince(env, mark, "insight.rules");
    expect(audits).toHaveLength(1);
    expect(audits[0]!.changes.after.challenge.minTowns).toBe(5);
    expect(audits[0]!.changes.before.challenge.minTowns).toBe(3);

    // Switching a rule off removes its suggestions.
    const noDesk = structuredClone(defaultInsightRules);
    noDesk.desk.enabled = false;
    await sec.put("/api/insight/rules", noDesk);
    expect((await sec.get(url())).body.items.map((s: any) => s.kind)).toEqual(["challenge", "progress"]);
    await sec.put("/api/insight/rules", defaultInsightRules);
    expect((await sec.get(url())).body.items).toHaveLength(3);
  });

  it("accepting files an agenda proposal that remembers its source; it does not come back", async () => {
    const key = `challenge:${fx.sharedChallenge}`;
    const mark = await auditMark(env);
    const res = await sec.post(`${url()}/accept`, { key, minutesRequested: 20 });
    expect(res.status).toBe(201);
    expect(res.body.sourceRef).toBe(`insight:${key}`);
    const item = await env.database.db
      .selectFrom("agenda_items")
      .selectAll()
      .where("id", "=", res.body.agendaItemId)
      .executeTakeFirstOrThrow();
    expect(item).toMatchObject({
      meeting_id: fx.meeting.id,
      status: "proposed",
      source_ref: `insight:${key}`,
      title: "課題「ガバメントクラウド接続回線の調達」（4団体で共有）",
      minutes_requested: 20,
    });
    expect(item.purpose).toContain("萩市、宇部市、周南市、阿武町の4団体");
    const list = (await sec.get(url())).body;
    expect(list.items.map((s: any) => s.kind)).toEqual(["desk", "progress"]);
    expect(list.decisions).toEqual([expect.objectContaining({ key, decision: "accepted", agendaItemId: item.id })]);
    expect(await auditSince(env, mark, "insight.accept")).toEqual([
      expect.objectContaining({ subject: { type: "meeting", id: fx.meeting.id } }),
    ]);
    expect(await auditSince(env, mark, "agenda.propose")).toHaveLength(1);
    // Accepting it again: it is no longer a suggestion.
    const again = await sec.post(`${url()}/accept`, { key });
    expect(again.status).toBe(404);
  });

  it("dismissing records why and keeps it away until its evidence changes", async () => {
    const mark = await auditMark(env);
    const missing = await sec.post(`${url()}/dismiss`, { key: "desk:online", reason: "  " });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.issues[0].message).toBe("見送る理由を入力してください");

    const res = await sec.post(`${url()}/dismiss`, { key: "desk:online", reason: "次回の研修会で扱うため" });
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: any) => s.kind)).toEqual(["progress"]);
    expect(res.body.decisions).toContainEqual(
      expect.objectContaining({ key: "desk:online", decision: "dismissed", reason: "次回の研修会で扱うため" }),
    );
    expect(await auditSince(env, mark, "insight.dismiss")).toEqual([
      expect.objectContaining({ changes: expect.objectContaining({ key: "desk:online", reason: "次回の研修会で扱うため" }) }),
    ]);

    // Unchanged: it stays away, also from the body's next meeting.
    const next = await makeMeeting(env, fx.body);
    expect((await sec.get(`/api/insight/meetings/${next.id}/suggestions`)).body.items.map((s: any) => s.kind)).toEqual([
      "progress",
    ]);
    // A sixth case: the evidence changed, so it comes back, marked.
    await fx.desk("kaminoseki@example.jp", "online", "電子申請システムの更新");
    const back = (await sec.get(url())).body.items;
    expect(back.map((s: any) => [s.key, s.changedSinceDismissed])).toEqual([
      ["desk:online", true],
      [`progress:${fx.itemA}`, false],
    ]);
    expect(back[0].counts[0]).toEqual({ label: "相談件数", value: 6 });
  });

  it("denies by default: 401 signed out, 403 for towns and specialists, 404 for a meeting one cannot see", async () => {
    expect((await env.anon.get(url())).status).toBe(401);
    expect((await env.anon.get("/api/insight/rules")).status).toBe(401);
    const town = await env.as("yamaguchi@example.jp");
    expect((await town.get(url())).status).toBe(403);
    expect((await town.get("/api/insight/rules")).status).toBe(403);
    expect((await town.put("/api/insight/rules", defaultInsightRules)).status).toBe(403);
    expect((await town.post(`${url()}/dismiss`, { key: `progress:${fx.itemA}`, reason: "x" })).status).toBe(403);
    const specialist = await env.as("specialist@example.jp");
    expect((await specialist.get(url())).status).toBe(403);
    // The RPA WG is members only: 上関町 is not a member, so its meeting does not exist for it.
    const rpaMeeting = await makeMeeting(env, env.demo.bodies.wgRpa);
    const outsider = await env.as("kaminoseki@example.jp");
    expect((await outsider.get(`/api/insight/meetings/${rpaMeeting.id}/suggestions`)).status).toBe(404);
    expect((await sec.get(`/api/insight/meetings/${crypto.randomUUID()}/suggestions`)).status).toBe(404);
    // Nothing was written by the refused calls.
    const decisions = await env.database.db.selectFrom("insight_decisions").select("reason").execute();
    expect(decisions.map((d) => d.reason)).not.toContain("x");
  });
});
