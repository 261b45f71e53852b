import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { radarComponentKeys } from "../../../shared/api/insight.js";
import { addDays } from "../../../shared/dates/calendar.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { auditMark, auditSince, type Client, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { allocateHours, radarScore } from "./radar.js";

describe("allocation of the specialists' hours", () => {
  it("never exceeds the capacity, gives whole non-negative hours, uses it all when anyone scores", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -5, max: 100, noNaN: true }), { maxLength: 300 }),
        fc.integer({ min: 0, max: 100_000 }),
        (scores, capacity) => {
          const out = allocateHours(scores, capacity);
          const sum = out.reduce((a, b) => a + b, 0);
          expect(out).toHaveLength(scores.length);
          expect(sum).toBeLessThanOrEqual(capacity);
          for (const [i, h] of out.entries()) {
            expect(Number.isInteger(h) && h >= 0).toBe(true);
            if (Math.round(scores[i]! * 10) <= 0) expect(h).toBe(0);
          }
          if (scores.some((s) => Math.round(s * 10) > 0)) expect(sum).toBe(capacity);
        },
      ),
      { seed: 18, numRuns: 500 },
    );
  });

  it("shares in proportion, the remainder to the largest fractions", () => {
    expect(allocateHours([50, 30, 20], 10)).toEqual([5, 3, 2]);
    expect(allocateHours([1, 1, 1], 10)).toEqual([4, 3, 3]);
    expect(allocateHours([0, 0], 10)).toEqual([0, 0]);
  });

  it("scores each component as weight × min(1, value ÷ cap), never a black box", () => {
    const { components, score } = radarScore({
      lag: 5,
      exceptions: 10,
      deskVolume: 0,
      deskMissed: 1,
      lateSurveys: 3,
      noDigitalStaff: 1,
    });
    expect(components.map((c) => [c.key, c.points])).toEqual([
      ["lag", 15],
      ["exceptions", 15],
      ["deskVolume", 0],
      ["deskMissed", 5],
      ["lateSurveys", 15],
      ["noDigitalStaff", 10],
    ]);
    expect(score).toBe(60);
  });
});

describe("support-priority radar (API)", () => {
  let env: TestEnv;
  let sec: Client;
  beforeAll(async () => {
    env = await testEnv();
    sec = await env.as("secretariat@example.jp");
  });
  const row = (view: any, name: string) => view.rows.find((r: any) => r.orgName === name);
  const points = (r: any, key: string) => r.components.find((c: any) => c.key === key);

  it("ranks every municipality with its components; digital staff and desk cases move a town's score", async () => {
    const before = (await sec.get("/api/insight/radar")).body;
    expect(before.rows).toHaveLength(19);
    for (const r of before.rows) {
      expect(r.components.map((c: any) => c.key)).toEqual([...radarComponentKeys]);
      expect(r.score).toBeCloseTo(
        r.components.reduce((s: number, c: any) => s + c.points, 0),
        5,
      );
    }
    const scores = before.rows.map((r: any) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(before.rows.reduce((s: number, r: any) => s + r.proposedHours, 0)).toBe(160);
    // The demo: 上関町 has six systems late, none flagged; 岩国市 four flagged as 特定移行支援.
    expect(points(row(before, "上関町"), "lag").value).toBeGreaterThanOrEqual(6);
    expect(points(row(before, "岩国市"), "exceptions").value).toBe(4);

    // 和木町's admin enters no digital staff; 周南市 files three cases, one of them past its target.
    const waki = await env.as("waki@example.jp");
    const wakiId = env.demo.orgs["和木町"]!;
    const staff = await waki.put(`/api/orgs/${wakiId}/digital-staff`, { headcount: 0 });
    expect(staff.status).toBe(200);
    expect(staff.body).toEqual({ headcount: 0, canEdit: true });
    const shunan = await env.as("shunan@example.jp");
    const ids: string[] = [];
    for (const s of ["庁内LANの更改", "クラウド利用料の按分", "ネットワーク分離"])
      ids.push((await shunan.post("/api/consultations", { category: "security", subject: s, body: `${s}について` })).body.id);
    await env.database.db
      .updateTable("consultations")
      .set({ next_due: addDays(jstDate(), -3) })
      .where("id", "=", ids[0]!)
      .execute();

    const after = (await sec.get("/api/insight/radar")).body;
    const w0 = row(before, "和木町");
    const w1 = row(after, "和木町");
    expect(points(w1, "noDigitalStaff")).toEqual({ key: "noDigitalStaff", value: 1, points: 10 });
    expect(w1.digitalStaff).toBe(0);
    expect(w1.score).toBeCloseTo(w0.score + 10 - points(w0, "noDigitalStaff").points, 5);
    const s0 = row(before, "周南市");
    const s1 = row(after, "周南市");
    expect(points(s1, "deskVolume").value).toBe(points(s0, "deskVolume").value + 3);
    expect(points(s1, "deskMissed").value).toBe(points(s0, "deskMissed").value + 1);
  });

  it("a plan above the capacity is refused with a message and nothing is saved; a plan within it is kept and audited", async () => {
    const view = (await sec.get("/api/insight/radar")).body;
    const [a, b] = view.rows;
    const over = await sec.put("/api/insight/radar/plan", {
      period: "令和8年度 第3四半期",
      capacityHours: 100,
      allocations: [
        { orgId: a.orgId, hours: 60 },
        { orgId: b.orgId, hours: 41 },
      ],
    });
    expect(over.status).toBe(400);
    expect(over.body.error.details.issues[0].message).toBe(
      "配分の合計が専門人材の時間の上限を超えています。上限を上げるか配分を減らしてください",
    );
    const prefecture = await sec.put("/api/insight/radar/plan", {
      period: "令和8年度 第3四半期",
      capacityHours: 100,
      allocations: [{ orgId: env.demo.orgs["山口県"], hours: 10 }],
    });
    expect(prefecture.status).toBe(400);
    const unchanged = (await sec.get("/api/insight/radar")).body;
    expect(unchanged.savedAt).toBeNull();
    expect(unchanged.capacityHours).toBe(160);

    const mark = await auditMark(env);
    const ok = await sec.put("/api/insight/radar/plan", {
      period: "令和8年度 第3四半期",
      capacityHours: 100,
      allocations: [
        { orgId: a.orgId, hours: 60 },
        { orgId: b.orgId, hours: 40 },
      ],
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ period: "令和8年度 第3四半期", capacityHours: 100, plannedTotal: 100 });
    expect(ok.body.rows.reduce((s: number, r: any) => s + r.proposedHours, 0)).toBe(100);
    expect(row(ok.body, a.orgName).plannedHours).toBe(60);
    expect(await auditSince(env, mark, "insight.radarPlan")).toHaveLength(1);
  });

  it("denies by default: 401, 403 for towns; specialists read but do not plan; only a town's own admin sets its headcount", async () => {
    expect((await env.anon.get("/api/insight/radar")).status).toBe(401);
    const town = await env.as("yamaguchi@example.jp");
    expect((await town.get("/api/insight/radar")).status).toBe(403);
    const specialist = await env.as("specialist@example.jp");
    expect((await specialist.get("/api/insight/radar")).status).toBe(200);
    expect((await specialist.put("/api/insight/radar/plan", { period: "x", capacityHours: 1, allocations: [] })).status).toBe(
      403,
    );

    const wakiId = env.demo.orgs["和木町"]!;
    const yamaguchiId = env.demo.orgs["山口市"]!;
    expect((await town.put(`/api/orgs/${wakiId}/digital-staff`, { headcount: 3 })).status).toBe(403);
    const clerk = await env.as("yamaguchi2@example.jp");
    expect((await clerk.put(`/api/orgs/${yamaguchiId}/digital-staff`, { headcount: 3 })).status).toBe(403);
    expect((await clerk.get(`/api/orgs/${yamaguchiId}/digital-staff`)).body).toEqual({ headcount: null, canEdit: false });
    const bad = await town.put(`/api/orgs/${yamaguchiId}/digital-staff`, { headcount: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].message).toBe("デジタル人材の人数は0〜10000の範囲で入力してください");
    expect((await town.put(`/api/orgs/${crypto.randomUUID()}/digital-staff`, { headcount: 1 })).status).toBe(404);
    const mark = await auditMark(env);
    expect((await town.put(`/api/orgs/${yamaguchiId}/digital-staff`, { headcount: 4 })).body.headcount).toBe(4);
    expect(await auditSince(env, mark, "org.digitalStaff")).toEqual([
      expect.objectContaining({ subject: { type: "org", id: yamaguchiId }, changes: { headcount: [null, 4] } }),
    ]);
  });
});
