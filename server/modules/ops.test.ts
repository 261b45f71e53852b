import { beforeAll, describe, expect, it } from "vitest";
import { type TestEnv, testEnv } from "../platform/testing/harness.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

describe("operations", () => {
  it("answers health and readiness checks without a session", async () => {
    expect((await env.anon.get("/healthz")).body).toEqual({ status: "ok" });
    expect((await env.anon.get("/readyz")).body).toEqual({ status: "ready" });
  });

  it("publishes the OpenAPI document", async () => {
    const res = await env.anon.get("/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(["/api/auth/login", "/api/me", "/api/orgs", "/api/bodies", "/api/users"]),
    );
  });

  it("sends a strict same-origin Content-Security-Policy and a request id", async () => {
    const res = await env.anon.get("/healthz");
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    expect(String(res.headers["x-request-id"])).toMatch(/^[0-9a-f-]{36}$/);
    const given = await env.app.inject({ method: "GET", url: "/healthz", headers: { "x-request-id": "town-hall-42" } });
    expect(given.headers["x-request-id"]).toBe("town-hall-42");
  });

  it("refuses an oversized body with 413 in the uniform error format", async () => {
    const sec = await env.as("secretariat@example.jp");
    const res = await sec.post("/api/orgs", { name: "x".repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("hides the message of a server error: an unexpected failure is a 500 with a generic message", async () => {
    const sec = await env.as("secretariat@example.jp");
    // A stored setting that no longer parses makes the settings read throw a SyntaxError inside the service.
    const db = env.database.db;
    const key = "smallMunicipalityThreshold";
    const stored = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
    await db.deleteFrom("settings").where("key", "=", key).execute();
    await db.insertInto("settings").values({ key, value: "{not json" }).execute();
    try {
      const res = await sec.get("/api/orgs");
      expect(res.status).toBe(500);
      expect(res.body).toEqual({
        error: { code: "INTERNAL", message: "サーバーでエラーが発生しました。時間をおいてもう一度お試しください。" },
      });
      expect(res.text).not.toMatch(/JSON|SyntaxError|at \w+ \(/);
    } finally {
      await db.deleteFrom("settings").where("key", "=", key).execute();
      if (stored) await db.insertInto("settings").values({ key, value: stored.value }).execute();
    }
    expect((await sec.get("/api/orgs")).status).toBe(200);
  });

  it("answers a malformed JSON body as a client error in the uniform format", async () => {
    const sec = await env.as("secretariat@example.jp");
    // A malformed JSON body is a client error with our format, not a stack trace.
    const res = await env.app.inject({
      method: "POST",
      url: "/api/orgs",
      headers: { cookie: sec.cookie, "x-csrf-token": sec.csrf, "content-type": "application/json" },
      payload: "{not json",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("BAD_REQUEST");
  });
});
