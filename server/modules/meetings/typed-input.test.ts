import { beforeAll, describe, expect, it } from "vitest";
import { type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { makeMeeting } from "./test-support.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

describe("numbers typed the Japanese way reach the server as numbers", () => {
  it("reads full-width digits in a proposal's minutes an organisation's population and a setting, and refuses words with a field message", async () => {
    const m = await makeMeeting(env, env.demo.bodies.council);
    const abu = await env.as("abu@example.jp");
    const ok = await abu.post(`/api/meetings/${m.id}/proposals`, { title: "窓口DX", minutesRequested: "１５" });
    expect(ok.status).toBe(201);
    expect(ok.body.minutesRequested).toBe(15);
    const bad = await abu.post(`/api/meetings/${m.id}/proposals`, { title: "窓口DX", minutesRequested: "十五分" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0]).toMatchObject({
      path: "minutesRequested",
      message: "希望時間（分）を数値で入力してください",
    });

    const sec = await env.as("secretariat@example.jp");
    const org = await sec.patch(`/api/orgs/${env.demo.orgs.阿武町}`, { population: "３，０２１" });
    expect(org.status).toBe(200);
    expect(org.body.population).toBe(3021);
    const admin = await env.as("admin@example.jp");
    const settings = await admin.patch("/api/settings", { smallMunicipalityThreshold: "５0,000 " });
    expect(settings.status, settings.text).toBe(200);
    expect(settings.body.smallMunicipalityThreshold).toBe(50000);
  });
});
