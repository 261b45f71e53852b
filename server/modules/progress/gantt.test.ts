import { beforeAll, describe, expect, it } from "vitest";
import type { OrgTimeline } from "../../../shared/api/progress-views.js";
import type { TestEnv } from "../../platform/testing/harness.js";
import { testEnv } from "../../platform/testing/harness.js";
import { progressIds } from "./test-support.js";

let env: TestEnv;
let abuOrg: string;
let juki: string; // 住民基本台帳, tracked by 12 steps
beforeAll(async () => {
  env = await testEnv();
  abuOrg = env.demo.orgs.阿武町!;
  juki = await (await progressIds(env)).item("standardisation", "01");
});

const timeline = (org: string) => `/api/progress/orgs/${org}/timeline`;

describe("a municipality's timeline (線表)", () => {
  it("places each step's planned and actual dates, as the record holds them, beside the national deadline", async () => {
    const abu = await env.as("abu@example.jp");
    const record = (await abu.get(`/api/progress/records/${abuOrg}/${juki}`)).body;
    const step = record.steps[2];
    const saved = await abu.patch(`/api/progress/records/${abuOrg}/${juki}`, {
      steps: [{ stepId: step.stepId, status: "done", plannedDate: "2026-06-30", actualDate: "2026-07-15" }],
      expectedVersion: record.version,
    });
    expect(saved.status).toBe(200);

    // Any member reads it: progress is shared across the council.
    const res = await (await env.as("shunan@example.jp")).get(timeline(abuOrg));
    expect(res.status).toBe(200);
    const body = res.body as OrgTimeline;
    expect(body.org).toEqual({ id: abuOrg, name: "阿武町" });
    const item = body.programmes.flatMap((p) => p.items).find((i) => i.id === juki)!;
    const names = record.item.steps.filter((s: { archived: boolean }) => !s.archived).map((s: { name: string }) => s.name);
    expect(item.steps.map((s) => s.name)).toEqual(names);
    expect(item.steps[2]).toEqual({ name: names[2], status: "done", plannedDate: "2026-06-30", actualDate: "2026-07-15" });
    expect(item.deadline).toBe(record.item.deadline ?? record.programme.deadline);
    // Items tracked by yearly figures (RPA: 自動化した業務数) have no steps to place and are left out.
    const automated = await (await progressIds(env)).item("rpa", "processes");
    expect(body.programmes.flatMap((p) => p.items).map((i) => i.id)).not.toContain(automated);
    for (const p of body.programmes) for (const i of p.items) expect(i.steps.length).toBeGreaterThan(0);
  });

  it("answers 401 without a session and 404 for an unknown organisation or one that is not a municipality", async () => {
    expect((await env.anon.get(timeline(abuOrg))).status).toBe(401);
    const abu = await env.as("abu@example.jp");
    expect((await abu.get(timeline(crypto.randomUUID()))).status).toBe(404);
    expect((await abu.get(timeline(env.demo.orgs.山口県!))).status).toBe(404);
    expect((await abu.get(timeline("not-an-id"))).status).toBe(400);
  });
});
