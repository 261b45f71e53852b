import { beforeAll, describe, expect, it } from "vitest";
import { fiscalYearAt } from "../../../shared/dates/jst.js";
import { auditMark, auditSince, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { progressIds } from "./test-support.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

/** The sum of one metric's reported values for a fiscal year, read straight from the stored rows. */
async function storedSum(metricId: string, fy: number) {
  const rows = await env.database.db
    .selectFrom("progress_metric_values")
    .select("value")
    .where("metric_id", "=", metricId)
    .where("fiscal_year", "=", fy)
    .execute();
  const values = rows.map((r) => r.value).filter((v): v is number => v != null);
  return { n: values.length, sum: values.reduce((a, b) => a + b, 0) };
}

type Metric = { id: string; name: string; total: number | null; pct: number | null; reported: number };
type Target = { id: string; title: string; current: number | null; targetValue: number; pct: number | null };

describe("KPIs per fiscal year", () => {
  it("reads each metric for the fiscal year chosen, the latest reported one by default, and no data for a year without values", async () => {
    const ids = await progressIds(env);
    const rpa = await ids.prog("rpa");
    const abu = await env.as("abu@example.jp");
    const latest = (await abu.get(`/api/progress/kpis?programmeId=${rpa}`)).body;
    const hours = latest.metrics.find((m: Metric) => m.name === "削減時間");
    const expected = await storedSum(hours.id, latest.fiscalYear);
    expect(expected.n).toBeGreaterThan(0);
    expect(hours).toMatchObject({ unit: "時間", reported: expected.n, total: expected.sum });
    expect(latest.fiscalYears).toContain(fiscalYearAt());
    expect(latest.fiscalYears).toContain(latest.fiscalYear - 1);

    const before = (await abu.get(`/api/progress/kpis?programmeId=${rpa}&fiscalYear=${latest.fiscalYear - 1}`)).body;
    const earlier = await storedSum(hours.id, latest.fiscalYear - 1);
    expect(before.metrics.find((m: Metric) => m.id === hours.id).total).toBe(earlier.sum);
    expect(earlier.sum).not.toBe(expected.sum);

    const empty = (await abu.get(`/api/progress/kpis?programmeId=${rpa}&fiscalYear=2035`)).body;
    for (const m of empty.metrics) expect(m).toMatchObject({ reported: 0, total: null, pct: null });

    // One municipality's figures: its own value.
    const own = (
      await abu.get(`/api/progress/kpis?programmeId=${rpa}&orgId=${env.demo.orgs.阿武町}&fiscalYear=${latest.fiscalYear}`)
    ).body;
    const abuRow = await env.database.db
      .selectFrom("progress_metric_values as v")
      .innerJoin("progress_records as r", "r.id", "v.record_id")
      .select("v.value")
      .where("r.org_id", "=", env.demo.orgs.阿武町!)
      .where("v.metric_id", "=", hours.id)
      .where("v.fiscal_year", "=", latest.fiscalYear)
      .executeTakeFirstOrThrow();
    expect(own.metrics.find((m: Metric) => m.id === hours.id).total).toBe(abuRow.value);
    expect(own.targets).toEqual([]);
  });

  it("does not lower this year's figure when next year's plan is entered, and shows a new KPI as no data, not 0%", async () => {
    const ids = await progressIds(env);
    const rpa = await ids.prog("rpa");
    const hoursItem = await ids.item("rpa", "hours");
    const abu = await env.as("abu@example.jp");
    const sec = await env.as("secretariat@example.jp");
    const abuOrg = env.demo.orgs.阿武町!;
    const record = (await abu.get(`/api/progress/records/${abuOrg}/${hoursItem}`)).body;
    const fy = record.metricFy as number;
    expect(fy).toBeGreaterThan(2000);
    const dash = async () =>
      (await abu.get(`/api/progress/dashboard?programmeId=${rpa}`)).body.orgs.find((o: { id: string }) => o.id === abuOrg).pct;
    const kpi = async () => (await abu.get(`/api/progress/kpis?programmeId=${rpa}&fiscalYear=${fy}`)).body;
    const pctBefore = await dash();
    const kpiBefore = await kpi();

    const metricId = record.item.metrics[0].id;
    const plan = await abu.patch(`/api/progress/records/${abuOrg}/${hoursItem}`, {
      metrics: [{ metricId, fiscalYear: fy + 1, value: null, target: 99_999 }],
    });
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ metricFy: fy, pct: record.pct });
    expect(await dash()).toBe(pctBefore);
    expect((await kpi()).metrics).toEqual(kpiBefore.metrics);

    // A new KPI on the item: no data, and the item's figure stays what the reported metric says.
    const added = await sec.post(`/api/progress/items/${hoursItem}/metrics`, {
      code: "new-kpi",
      name: "新しい指標",
      unit: "件",
      targetDefault: 10,
    });
    expect(added.status).toBe(201);
    const newKpi = (await kpi()).metrics.find((m: Metric) => m.name === "新しい指標");
    expect(newKpi).toMatchObject({ reported: 0, total: null, pct: null });
    expect((await abu.get(`/api/progress/records/${abuOrg}/${hoursItem}`)).body.pct).toBe(record.pct);
    expect(await dash()).toBe(pctBefore);
  });

  it("needs a session, 404s for an unknown programme or municipality, 400s for a malformed year", async () => {
    const ids = await progressIds(env);
    const rpa = await ids.prog("rpa");
    const abu = await env.as("abu@example.jp");
    expect((await env.anon.get(`/api/progress/kpis?programmeId=${rpa}`)).status).toBe(401);
    expect((await abu.get(`/api/progress/kpis?programmeId=${crypto.randomUUID()}`)).status).toBe(404);
    expect((await abu.get(`/api/progress/kpis?programmeId=${rpa}&orgId=${crypto.randomUUID()}`)).status).toBe(404);
    const bad = await abu.get(`/api/progress/kpis?programmeId=${rpa}&fiscalYear=R9`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message + JSON.stringify(bad.body.error.details ?? {})).toContain("年度は西暦の4桁");
  });
});

describe("prefecture-wide targets per programme and fiscal year", () => {
  it("the secretariat creates, edits and deletes targets; each shows the current total against it; every change is audited", async () => {
    const ids = await progressIds(env);
    const online = await ids.prog("online-procedures");
    const rpa = await ids.prog("rpa");
    const sec = await env.as("secretariat@example.jp");
    const fy = fiscalYearAt() + 1;

    let mark = await auditMark(env);
    const input = {
      fiscalYear: fy,
      title: "令和9年度末までに全市町で26手続をマイナポータル対応",
      measure: "online_national",
      targetValue: 19,
    };
    const created = await sec.post(`/api/progress/programmes/${online}/targets`, input);
    expect(created.status).toBe(201);
    expect(await auditSince(env, mark, "progressTarget.create")).toEqual([
      {
        actor: env.demo.users["secretariat@example.jp"],
        subject: { type: "progress_target", id: created.body.id },
        changes: { after: input },
      },
    ]);
    const dashboard = (await sec.get(`/api/progress/dashboard?programmeId=${online}`)).body;
    const view = (await sec.get(`/api/progress/kpis?programmeId=${online}`)).body;
    expect(view.canManage).toBe(true);
    expect(view.fiscalYears).toContain(fy);
    expect(view.targets).toEqual([
      expect.objectContaining({
        id: created.body.id,
        fiscalYear: fy,
        unit: "団体",
        targetValue: 19,
        current: dashboard.online.national.complete,
        pct: Math.round((dashboard.online.national.complete / 19) * 10_000) / 100,
      }),
    ]);

    // A quantity: the sum of hours saved in a fiscal year against a prefecture-wide figure.
    const hours = (await sec.get(`/api/progress/kpis?programmeId=${rpa}`)).body;
    const hoursMetric = hours.metrics.find((m: Metric) => m.name === "削減時間");
    const sum = await sec.post(`/api/progress/programmes/${rpa}/targets`, {
      fiscalYear: hours.fiscalYear,
      title: "RPAで年間5,000時間を削減",
      measure: "metric_sum",
      metricId: hoursMetric.id,
      targetValue: "5,000",
    });
    expect(sum.status).toBe(201);
    const t = (await sec.get(`/api/progress/kpis?programmeId=${rpa}`)).body.targets.find((x: Target) => x.id === sum.body.id);
    expect(t).toMatchObject({
      current: (await storedSum(hoursMetric.id, hours.fiscalYear)).sum,
      targetValue: 5000,
      unit: "時間",
    });

    mark = await auditMark(env);
    const edited = await sec.patch(`/api/progress/targets/${sum.body.id}`, { targetValue: 6000 });
    expect(edited.status).toBe(200);
    expect(await auditSince(env, mark, "progressTarget.update")).toEqual([
      expect.objectContaining({ subject: { type: "progress_target", id: sum.body.id }, changes: { target_value: [5000, 6000] } }),
    ]);
    mark = await auditMark(env);
    expect((await sec.delete(`/api/progress/targets/${sum.body.id}`)).status).toBe(200);
    expect(await auditSince(env, mark, "progressTarget.delete")).toEqual([
      expect.objectContaining({ subject: { type: "progress_target", id: sum.body.id } }),
    ]);
    expect((await sec.get(`/api/progress/kpis?programmeId=${rpa}`)).body.targets.map((x: Target) => x.id)).not.toContain(
      sum.body.id,
    );
  });

  it("refuses a year out of range, a negative target, a metric of another programme and a member without the right, changing nothing", async () => {
    const ids = await progressIds(env);
    const rpa = await ids.prog("rpa");
    const std = await ids.prog("standardisation");
    const sec = await env.as("secretariat@example.jp");
    const abu = await env.as("abu@example.jp");
    const divide = (await sec.get(`/api/progress/kpis?programmeId=${await ids.prog("digital-divide")}`)).body.metrics[0];
    const hoursMetric = (await sec.get(`/api/progress/kpis?programmeId=${rpa}`)).body.metrics[0];
    const ok = { fiscalYear: fiscalYearAt(), title: "目標", measure: "metric_sum", metricId: hoursMetric.id, targetValue: 10 };
    const before = await env.database.db.selectFrom("progress_targets").selectAll().orderBy("id").execute();
    const mark = await auditMark(env);

    const farYear = await sec.post(`/api/progress/programmes/${rpa}/targets`, { ...ok, fiscalYear: fiscalYearAt() + 30 });
    expect(farYear.status).toBe(400);
    expect(JSON.stringify(farYear.body.error)).toMatch(/年度は令和\d+年度から令和\d+年度までの間で入力してください/);
    const negative = await sec.post(`/api/progress/programmes/${rpa}/targets`, { ...ok, targetValue: -5 });
    expect(negative.status).toBe(400);
    expect(JSON.stringify(negative.body.error)).toContain("目標値は0以上の数値で入力してください");
    const otherMetric = await sec.post(`/api/progress/programmes/${rpa}/targets`, { ...ok, metricId: divide.id });
    expect(otherMetric.status).toBe(400);
    expect(JSON.stringify(otherMetric.body.error)).toContain("この取組の指標を一覧から選んでください");
    const noOnline = await sec.post(`/api/progress/programmes/${std}/targets`, {
      ...ok,
      measure: "online_national",
      metricId: null,
    });
    expect(noOnline.status).toBe(400);
    expect(noOnline.body.error.message).toContain("マイナポータル");

    const forbidden = await abu.post(`/api/progress/programmes/${rpa}/targets`, ok);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toContain("権限");
    expect((await env.anon.post(`/api/progress/programmes/${rpa}/targets`, ok)).status).toBe(401);
    expect((await sec.post(`/api/progress/programmes/${crypto.randomUUID()}/targets`, ok)).status).toBe(404);

    const created = await sec.post(`/api/progress/programmes/${rpa}/targets`, ok);
    expect(created.status).toBe(201);
    const afterCreate = await auditMark(env);
    expect((await sec.patch(`/api/progress/targets/${created.body.id}`, { fiscalYear: 1999 })).status).toBe(400);
    expect((await sec.patch(`/api/progress/targets/${created.body.id}`, { targetValue: -1 })).status).toBe(400);
    expect((await abu.patch(`/api/progress/targets/${created.body.id}`, { targetValue: 1 })).status).toBe(403);
    expect((await abu.delete(`/api/progress/targets/${created.body.id}`)).status).toBe(403);
    expect((await env.anon.patch(`/api/progress/targets/${created.body.id}`, { targetValue: 1 })).status).toBe(401);
    expect((await env.anon.delete(`/api/progress/targets/${created.body.id}`)).status).toBe(401);
    expect((await sec.patch(`/api/progress/targets/${crypto.randomUUID()}`, { targetValue: 1 })).status).toBe(404);
    expect((await sec.delete(`/api/progress/targets/${crypto.randomUUID()}`)).status).toBe(404);
    const row = await env.database.db
      .selectFrom("progress_targets")
      .selectAll()
      .where("id", "=", created.body.id)
      .executeTakeFirst();
    expect(row).toMatchObject({ fiscal_year: ok.fiscalYear, target_value: 10 });
    expect(await auditMark(env)).toBe(afterCreate);
    expect((await auditSince(env, mark, "progressTarget.create")).length).toBe(1);
    expect((await sec.delete(`/api/progress/targets/${created.body.id}`)).status).toBe(200);
    expect(await env.database.db.selectFrom("progress_targets").selectAll().orderBy("id").execute()).toEqual(before);
  });
});

describe("national target procedures", () => {
  it("counts a municipality complete when every *target* procedure is via マイナポータル; the flag is kept on the item and audited", async () => {
    const ids = await progressIds(env);
    const programmeId = await ids.prog("online-procedures");
    const sec = await env.as("secretariat@example.jp");
    const abu = await env.as("abu@example.jp");
    const abuOrg = env.demo.orgs.阿武町!;
    const dash = async () => (await sec.get(`/api/progress/dashboard?programmeId=${programmeId}`)).body;
    const itemIds: string[] = (await dash()).items.map((i: { id: string }) => i.id);
    for (const [i, itemId] of itemIds.entries()) {
      const [stepId] = await ids.steps(itemId);
      const option = i === 0 ? "その他の電子申請" : "マイナポータル";
      const res = await abu.patch(`/api/progress/records/${abuOrg}/${itemId}`, {
        steps: [{ stepId, status: "done", actualDate: "2026-04-01", option }],
      });
      expect(res.status).toBe(200);
    }
    const before = (await dash()).online;

    const mark = await auditMark(env);
    const off = await sec.patch(`/api/progress/items/${itemIds[0]}`, { nationalTarget: false });
    expect(off.status).toBe(200);
    expect(off.body.nationalTarget).toBe(false);
    expect(await auditSince(env, mark, "progressItem.update")).toEqual([
      expect.objectContaining({ subject: { type: "progress_item", id: itemIds[0] }, changes: { national_target: [1, 0] } }),
    ]);
    // The one procedure through another system is no longer a target: 阿武町 is complete nationally.
    const after = (await dash()).online;
    expect(after.national.complete).toBe(before.national.complete + 1);
    expect((await abu.patch(`/api/progress/items/${itemIds[0]}`, { nationalTarget: true })).status).toBe(403);
    expect((await sec.patch(`/api/progress/items/${itemIds[0]}`, { nationalTarget: "はい" })).status).toBe(400);
    expect((await sec.patch(`/api/progress/items/${itemIds[0]}`, { nationalTarget: true })).status).toBe(200);
    expect((await dash()).online).toEqual(before);
  });
});
