import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { engine, type TestEnv, testEnv } from "../testing/harness.js";
import type { Db } from "./database.js";
import { preparedQuery } from "./prepared.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

type Kind = "prefecture" | "town";
const orgsOfKind = preparedQuery((db, p: { kind: Kind; like: string }) =>
  db.selectFrom("orgs").select("name").where("kind", "=", p.kind).where("name", "like", p.like).orderBy("lg_code"),
);

describe(`preparedQuery on ${engine}`, () => {
  it("runs a cached shape with each run's values; on PostgreSQL as one named statement per connection", async () => {
    const names = await env.ctx.db.connection().execute(async (c) => {
      const run = async (kind: Kind, like: string) => (await orgsOfKind(c as Db, engine, { kind, like })).map((r) => r.name);
      const got = [await run("town", "%町"), await run("town", "阿%"), await run("prefecture", "%県")];
      const prepared =
        engine === "postgres"
          ? (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(c)).rows
          : [];
      return { got, prepared };
    });
    expect(names.got[0]!.length).toBeGreaterThan(0);
    expect(names.got[0]!.every((n) => n.endsWith("町"))).toBe(true);
    expect(names.got[1]).toContain("阿武町");
    expect(names.got[1]!.every((n) => n.startsWith("阿"))).toBe(true);
    expect(names.got[2]).toEqual(["山口県"]);
    if (engine === "postgres") {
      // Three runs of one shape: parsed once, under a name derived from its text.
      const ours = names.prepared.filter((p) => p.statement.includes('from "orgs"') && p.statement.includes("like"));
      expect(ours).toHaveLength(1);
      expect(ours[0]!.name).toMatch(/^renkei_[0-9a-f]{24}$/);
    }
    // Signed-in requests (the session lookup is a cached shape) keep answering on every run.
    const abu = await env.as("abu@example.jp");
    for (let i = 0; i < 3; i++) expect((await abu.get("/api/me")).status).toBe(200);
  });
});
