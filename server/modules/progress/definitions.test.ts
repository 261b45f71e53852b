import { beforeAll, describe, expect, it } from "vitest";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { progressIds } from "./test-support.js";

let env: TestEnv;
let standard: string;
beforeAll(async () => {
  env = await testEnv();
  standard = await (await progressIds(env)).prog("standardisation");
});

describe("programme definitions", () => {
  it("lists the four seeded programmes to every member", async () => {
    const res = await (await env.as("observer@example.jp")).get("/api/progress/programmes");
    expect(res.body.items.map((p: { code: string }) => p.code)).toEqual([
      "standardisation",
      "online-procedures",
      "rpa",
      "digital-divide",
    ]);
    expect(res.body.items[0]).toMatchObject({
      itemCount: 20,
      exceptionLabel: expect.stringContaining("特定移行支援"),
      abilities: { canManage: false },
    });
    const detail = (await (await env.as("abu@example.jp")).get(`/api/progress/programmes/${standard}`)).body;
    expect(detail.items[0].steps).toHaveLength(12);
    expect((await env.anon.get("/api/progress/programmes")).status).toBe(401);
    expect((await (await env.as("abu@example.jp")).get(`/api/progress/programmes/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it("lets the secretariat define a programme, items, steps and metrics; others get 403", async () => {
    const abu = await env.as("abu@example.jp");
    expect((await abu.post("/api/progress/programmes", { code: "x", name: "x" })).status).toBe(403);
    expect((await env.anon.post("/api/progress/programmes", { code: "x", name: "x" })).status).toBe(401);
    const sec = await env.as("secretariat@example.jp");
    const p = await sec.post("/api/progress/programmes", { code: "gis", name: "GIS共同利用", deadline: "2027-03-31" });
    expect(p.status).toBe(201);
    expect((await lastAudit(env, "progressProgramme.create"))?.subject_id).toBe(p.body.id);
    expect((await sec.post("/api/progress/programmes", { code: "gis", name: "重複" })).status).toBe(409);
    expect((await sec.post("/api/progress/programmes", { code: "日本語", name: "x" })).body.error.details.issues[0].path).toBe(
      "code",
    );

    const item = await sec.post(`/api/progress/programmes/${p.body.id}/items`, {
      code: "map",
      name: "統合型GIS",
      tracking: "steps",
    });
    expect(item.status).toBe(201);
    const step = await sec.post(`/api/progress/items/${item.body.id}/steps`, { code: "1", name: "調達" });
    expect(step.status).toBe(201);
    expect((await lastAudit(env, "progressStep.create"))?.subject_id).toBe(step.body.steps[0].id);
    expect((await sec.post(`/api/progress/items/${item.body.id}/metrics`, { code: "m", name: "x" })).status).toBe(400);
    expect((await abu.post(`/api/progress/items/${item.body.id}/steps`, { code: "2", name: "x" })).status).toBe(403);
    expect((await sec.post(`/api/progress/items/${crypto.randomUUID()}/steps`, { code: "2", name: "x" })).status).toBe(404);

    // Every municipality gets a record at 0%; the dashboard shows the new programme.
    const dash = (await abu.get(`/api/progress/dashboard?programmeId=${p.body.id}`)).body;
    expect(dash.items).toHaveLength(1);
    expect(dash.orgs.map((o: { pct: number }) => o.pct)).toEqual(Array(19).fill(0));
    expect((await abu.get(`/api/progress/dashboard/matrix?programmeId=${p.body.id}`)).body.cells.flat()).toEqual(
      Array(19).fill(0),
    );
    const page = (await abu.get(`/api/progress/items/${item.body.id}`)).body;
    expect(page.rows).toHaveLength(19);
    expect(page.rows.find((r: { org: { name: string } }) => r.org.name === "阿武町").canEdit).toBe(true);
  });

  it("recomputes every record when a step is added or archived", async () => {
    const sec = await env.as("secretariat@example.jp");
    const ids = await progressIds(env);
    const item = await ids.item("standardisation", "02"); // 宇部市 has finished it
    const ube = env.demo.orgs.宇部市!;
    const pct = async () => (await sec.get(`/api/progress/records/${ube}/${item}`)).body.pct;
    expect(await pct()).toBe(100);
    const added = await sec.post(`/api/progress/items/${item}/steps`, { code: "13", name: "運用保守の見直し" });
    expect(added.status).toBe(201);
    expect(await pct()).toBeCloseTo(92.31, 2);
    const stepId = added.body.steps.find((s: { code: string }) => s.code === "13").id;
    const archived = await sec.patch(`/api/progress/steps/${stepId}`, { archived: true });
    expect(archived.status).toBe(200);
    expect(await pct()).toBe(100);
    expect((await (await env.as("abu@example.jp")).patch(`/api/progress/steps/${stepId}`, { name: "x" })).status).toBe(403);
    expect((await sec.patch(`/api/progress/steps/${crypto.randomUUID()}`, { name: "x" })).status).toBe(404);
  });

  it("archives an item out of the dashboard and changes a metric's target", async () => {
    const sec = await env.as("secretariat@example.jp");
    const ids = await progressIds(env);
    const divide = await ids.prog("digital-divide");
    const classes = await ids.item("digital-divide", "classes");
    const def = (await sec.get(`/api/progress/programmes/${divide}`)).body.items.find((i: { id: string }) => i.id === classes);
    const before = (await sec.get(`/api/progress/dashboard?programmeId=${divide}`)).body;
    const m = await sec.patch(`/api/progress/metrics/${def.metrics[0].id}`, { targetDefault: 1000 });
    expect(m.status).toBe(200);
    const after = (await sec.get(`/api/progress/dashboard?programmeId=${divide}`)).body;
    expect(after.items[0].pct).toBeLessThan(before.items[0].pct);
    const a = await sec.patch(`/api/progress/items/${classes}`, { archived: true });
    expect(a.body.archived).toBe(true);
    expect((await lastAudit(env, "progressItem.update"))?.subject_id).toBe(classes);
    const gone = (await sec.get(`/api/progress/dashboard?programmeId=${divide}`)).body;
    expect(gone.items).toHaveLength(1);
    expect(gone.trend.at(-1).pct).toBe(gone.overall);
  });

  it("imports definitions from CSV with a dry run, all or nothing", async () => {
    const sec = await env.as("secretariat@example.jp");
    const csv = [
      "programme_code,programme_name,item_code,item_name,item_group,tracking,code,name,phase,unit,target,options,item_deadline",
      "cloud,ガバメントクラウド接続,net,接続回線,,steps,1,回線調達,,,,,2027-03-31",
      "cloud,ガバメントクラウド接続,net,接続回線,,steps,2,接続試験,,,,,2027-03-31",
      "cloud,ガバメントクラウド接続,cost,運用経費,,metrics,yen,運用経費,,千円,1200,,",
    ].join("\n");
    const dry = await sec.post("/api/progress/definitions/import", { csv, dryRun: true });
    expect(dry.body).toMatchObject({
      dryRun: true,
      programmes: { created: 1 },
      items: { created: 2 },
      steps: { created: 2 },
      metrics: { created: 1 },
      issues: [],
    });
    expect((await sec.get("/api/progress/programmes")).body.items.some((p: { code: string }) => p.code === "cloud")).toBe(false);
    const bad = await sec.post("/api/progress/definitions/import", {
      csv: `${csv}\ncloud,x,net,接続回線,,steps,3,,,,abc,,2027-02-30`,
      dryRun: false,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(["line 5", "line 5", "line 5"]);
    const ok = await sec.post("/api/progress/definitions/import", { csv, dryRun: false });
    expect(ok.status).toBe(200);
    const cloud = (await sec.get("/api/progress/programmes")).body.items.find((p: { code: string }) => p.code === "cloud");
    expect(cloud.itemCount).toBe(2);
    expect(await lastAudit(env, "progressDefinition.import")).toBeTruthy();
    const again = await sec.post("/api/progress/definitions/import", { csv, dryRun: false });
    expect(again.body).toMatchObject({ programmes: { created: 0, updated: 0 }, steps: { created: 0, updated: 0 } });
    const exported = await sec.get(`/api/progress/programmes/${cloud.id}/definitions.csv`);
    expect(exported.text).toContain("cloud,ガバメントクラウド接続,net,接続回線,,steps,1,回線調達");
    expect((await (await env.as("abu@example.jp")).post("/api/progress/definitions/import", { csv, dryRun: true })).status).toBe(
      403,
    );
  });
});
