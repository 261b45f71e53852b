import { beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import type { App } from "../http/types.js";
import { type TestEnv, testEnv } from "../testing/harness.js";
import { type Database, openDatabase } from "./database.js";

// Two instances of Renkei on one database, as behind a load balancer: each keeps its own
// in-memory copy of settings, bodies and memberships, and must see a change made anywhere else
// (the other instance, or SQL typed by an operator) at its very next request.
let env: TestEnv;
let other: { database: Database; app: App };
beforeAll(async () => {
  env = await testEnv();
  const database = openDatabase(env.config);
  other = { database, app: await buildApp({ config: env.config, database }) };
  return async () => {
    await other.app.close();
    await other.database.close();
  };
});

const getOnOther = async (url: string, cookie: string) => {
  const res = await other.app.inject({ method: "GET", url, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.json();
};

describe("in-memory reference data across instances", () => {
  it("a membership added on one instance, then removed by SQL, shows on the other at once", async () => {
    const admin = await env.as("admin@example.jp");
    const clerk = await env.as("abu@example.jp");
    const bodies = (await admin.get("/api/bodies")).body.items as { id: string; visibility: string }[];
    const seen = new Set(((await getOnOther("/api/bodies", clerk.cookie)).items as { id: string }[]).map((b) => b.id));
    const hidden = bodies.find((b) => b.visibility === "members" && !seen.has(b.id));
    expect(hidden, "the demo has a members-only body 阿武町 is not in").toBeDefined();

    const added = await admin.post(`/api/bodies/${hidden!.id}/members`, { orgId: env.demo.orgs["阿武町"], position: "member" });
    expect(added.status).toBe(201);
    const after = (await getOnOther("/api/bodies", clerk.cookie)).items as { id: string; myPosition: string | null }[];
    expect(after.find((b) => b.id === hidden!.id)?.myPosition).toBe("member");
    const meetings = await getOnOther(`/api/meetings?bodyId=${hidden!.id}`, clerk.cookie);
    expect(meetings.items).toBeInstanceOf(Array);

    await env.database.db
      .deleteFrom("body_members")
      .where("body_id", "=", hidden!.id)
      .where("org_id", "=", env.demo.orgs["阿武町"]!)
      .execute();
    const removed = (await getOnOther("/api/bodies", clerk.cookie)).items as { id: string }[];
    expect(removed.some((b) => b.id === hidden!.id)).toBe(false);
  });

  it("a setting changed on one instance, then by SQL, shows on the other at once", async () => {
    const admin = await env.as("admin@example.jp");
    expect((await admin.patch("/api/settings", { smallMunicipalityThreshold: 5000 })).status).toBe(200);
    expect((await getOnOther("/api/settings", admin.cookie)).smallMunicipalityThreshold).toBe(5000);
    await env.database.db
      .updateTable("settings")
      .set({ value: "7000" })
      .where("key", "=", "smallMunicipalityThreshold")
      .execute();
    expect((await getOnOther("/api/settings", admin.cookie)).smallMunicipalityThreshold).toBe(7000);
  });
});
