import { beforeAll, describe, expect, it } from "vitest";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

describe("orgs", () => {
  it("lists the prefecture and its 19 municipalities to any signed-in user", async () => {
    const abu = await env.as("abu@example.jp");
    const res = await abu.get("/api/orgs");
    expect(res.status).toBe(200);
    const names = res.body.items.map((o: { name: string }) => o.name);
    expect(names[0]).toBe("山口県");
    expect(res.body.items.filter((o: { kind: string }) => o.kind === "city" || o.kind === "town")).toHaveLength(19);
    const abuOrg = res.body.items.find((o: { name: string }) => o.name === "阿武町");
    expect(abuOrg.isSmall).toBe(true);
    expect(abuOrg.abilities.canEdit).toBe(false);
  });

  it("denies without a session (401) and to municipal users (403)", async () => {
    expect((await env.anon.get("/api/orgs")).status).toBe(401);
    const abu = await env.as("abu@example.jp");
    const res = await abu.post("/api/orgs", { kind: "town", lgCode: "353418", name: "x", kana: "x" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
  });

  it("404s for an unknown organisation", async () => {
    const sec = await env.as("secretariat@example.jp");
    expect((await sec.get(`/api/orgs/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it("rejects a code with a wrong check digit, next to the field", async () => {
    const sec = await env.as("secretariat@example.jp");
    const res = await sec.post("/api/orgs", { kind: "village", lgCode: "999991", name: "テスト村", kana: "てすとむら" });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe("lgCode");
  });

  it("creates and updates an organisation with audit rows", async () => {
    const sec = await env.as("secretariat@example.jp");
    // 99999 → s = 6·9+5·9+4·9+3·9+2·9 = 180, 180 mod 11 = 4, check = 7
    const created = await sec.post("/api/orgs", {
      kind: "village",
      lgCode: "999997",
      name: "テスト村",
      kana: "てすとむら",
      population: 800,
    });
    expect(created.status).toBe(201);
    expect(created.body.isSmall).toBe(true);
    const audit = await lastAudit(env, "org.create");
    expect(audit?.subject_id).toBe(created.body.id);
    expect(audit?.actor_user_id).toBe(env.demo.users["secretariat@example.jp"]);

    const patched = await sec.patch(`/api/orgs/${created.body.id}`, { population: 50_000 });
    expect(patched.body.isSmall).toBe(false);
    expect(JSON.parse((await lastAudit(env, "org.update"))!.changes!)).toEqual({ population: [800, 50_000] });
  });

  it("imports a CSV all or nothing, reporting every bad line", async () => {
    const sec = await env.as("secretariat@example.jp");
    const before = (await sec.get("/api/orgs")).body.items.length;
    const bad =
      "lg_code,kind,name,kana,name_en,population\n012025,city,函館市,はこだてし,Hakodate,251084\n012030,city,小樽市,おたるし,Otaru,abc\n999990,town,,x,,1\n";
    const res = await sec.post("/api/orgs/import", { csv: bad });
    expect(res.status).toBe(400);
    const lines = res.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(lines).toContain("line 3");
    expect(lines).toContain("line 4");
    expect((await sec.get("/api/orgs")).body.items.length).toBe(before);

    const good = "\uFEFFlg_code,kind,name,kana,name_en,population\r\n012025,city,函館市,はこだてし,Hakodate,251084\r\n";
    const ok = await sec.post("/api/orgs/import", { csv: good });
    expect(ok.body).toEqual({ created: 1, updated: 0 });
    expect((await lastAudit(env, "org.import"))?.changes).toContain('"created":1');
  });
});
