import { beforeAll, describe, expect, it } from "vitest";
import type { RadarBacktest } from "../../../shared/api/insight.js";
import type { OrgPage } from "../../../shared/api/progress-views.js";
import { addDays } from "../../../shared/dates/calendar.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { type Client, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { spearman } from "./radar.js";

describe("Spearman's rank correlation", () => {
  it("is 1 or -1 for a perfect order either way, handles ties, and is undefined without variation", () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    expect(spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBe(0.8);
    expect(spearman([1, 2, 2, 3], [1, 2, 2, 3])).toBe(1);
    expect(spearman([1, 2, 3], [5, 5, 5])).toBeNull();
    expect(spearman([1], [1])).toBeNull();
  });
});

describe("the radar's backtest (API)", () => {
  let env: TestEnv;
  let sec: Client;
  const today = jstDate();
  const past = addDays(today, -200);
  beforeAll(async () => {
    env = await testEnv();
    sec = await env.as("secretariat@example.jp");
  });

  /** Records behind plan on a day, as the progress pages' "as of" view shows them (an independent read). */
  const behindOn = async (orgId: string, day: string) => {
    const page = (await sec.get(`/api/progress/orgs/${orgId}?asOf=${day}`)).body as OrgPage;
    return page.programmes.flatMap((p) => p.items).filter((i) => i.overdue && !i.exception && (i.pct == null || i.pct < 100))
      .length;
  };

  it("scores every municipality as the radar would have on a past day, and reads what happened by the next deadline", async () => {
    const res = await sec.get(`/api/insight/radar/backtest?date=${past}`);
    expect(res.status).toBe(200);
    const body = res.body as RadarBacktest;
    expect(body.rows).toHaveLength(19);
    expect(body.date).toBe(past);
    expect(body.to > past && body.to <= today).toBe(true);
    expect(["deadline", "today"]).toContain(body.toReason);
    expect(body.rows.map((r) => r.rank)).toEqual(body.rows.map((_, i) => i + 1));
    const scores = body.rows.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const r of body.rows)
      expect(r.score).toBeCloseTo(
        r.components.reduce((s, c) => s + c.points, 0),
        5,
      );
    // The progress counts then and after equal the progress pages' own "as of" view of those days.
    for (const r of body.rows.slice(0, 3).concat(body.rows.slice(-2))) {
      expect(r.behindThen).toBe(await behindOn(r.orgId, past));
      expect(r.behindAfter).toBe(await behindOn(r.orgId, body.to));
    }
    expect(body.rows.some((r) => r.behindThen > 0)).toBe(true);
    const { summary } = body;
    expect(summary.topN).toBe(5);
    expect(summary.restN).toBe(14);
    expect(summary.topBehind).toBe(body.rows.slice(0, 5).filter((r) => r.behindAfter > 0).length);
    expect(summary.restBehind).toBe(body.rows.slice(5).filter((r) => r.behindAfter > 0).length);
    expect(summary.correlation).toBe(
      spearman(
        body.rows.map((r) => r.score),
        body.rows.map((r) => r.behindAfter),
      ),
    );
  });

  it("reads the outcome on a chosen day, and refuses a day that is not past or an outcome before it", async () => {
    const chosen = addDays(past, 30);
    const body = (await sec.get(`/api/insight/radar/backtest?date=${past}&to=${chosen}`)).body as RadarBacktest;
    expect([body.to, body.toReason]).toEqual([chosen, "chosen"]);
    const first = body.rows[0]!;
    expect(first.behindAfter).toBe(await behindOn(first.orgId, chosen));

    const notPast = await sec.get(`/api/insight/radar/backtest?date=${today}`);
    expect(notPast.status).toBe(400);
    expect(notPast.body.error.message).toContain("過去の日付");
    expect((await sec.get(`/api/insight/radar/backtest?date=${past}&to=${past}`)).status).toBe(400);
    expect((await sec.get(`/api/insight/radar/backtest?date=${past}&to=${addDays(today, 1)}`)).status).toBe(400);
    expect((await sec.get("/api/insight/radar/backtest?date=2025-13-40")).status).toBe(400);
  });

  it("is prefecture staff's: 401 without a session, 403 for a municipality", async () => {
    expect((await env.anon.get(`/api/insight/radar/backtest?date=${past}`)).status).toBe(401);
    expect((await (await env.as("abu@example.jp")).get(`/api/insight/radar/backtest?date=${past}`)).status).toBe(403);
  });
});
