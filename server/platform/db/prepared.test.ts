import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, withStatementCache } from "./database.js";
import { preparedQuery } from "./prepared.js";
import { RenkeiSqliteDialect } from "./sqlite-limit.js";

let dir: string;
let db: Db;
const executed: string[] = [];
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-prepared-"));
  const database = withStatementCache(new SQLite(path.join(dir, "t.sqlite")));
  const k = new Kysely<any>({ dialect: new RenkeiSqliteDialect({ database }), log: (e) => void executed.push(e.query.sql) });
  await sql`CREATE TABLE towns (id INTEGER PRIMARY KEY, name TEXT, kind TEXT, pref TEXT)`.execute(k);
  await k
    .insertInto("towns")
    .values([
      { id: 1, name: "周南市", kind: "city", pref: "山口" },
      { id: 2, name: "阿武町", kind: "town", pref: "山口" },
      { id: 3, name: "下関市", kind: "city", pref: "山口" },
      { id: 4, name: "津和野町", kind: "town", pref: "島根" },
    ])
    .execute();
  db = k as unknown as Db;
});
afterAll(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Filter {
  pref: string;
  kind?: string;
  ids: string[] | null;
  desc: boolean;
  limit: number;
  offset: number;
}
const towns = preparedQuery(
  (d, f: Filter) => {
    let q = (d as unknown as Kysely<any>).selectFrom("towns").select(["id", "name"]).where("pref", "=", f.pref);
    if (f.kind) q = q.where("kind", "=", f.kind);
    if (f.ids) q = q.where("id", "in", f.ids);
    return q
      .orderBy("id", f.desc ? "desc" : "asc")
      .limit(f.limit)
      .offset(f.offset);
  },
  { bound: ["offset"] },
);
const names = async (f: Filter) => (await towns(db, "sqlite", f)).map((r) => (r as { name: string }).name);
const base: Filter = { pref: "山口", ids: null, desc: false, limit: 10, offset: 0 };

describe("preparedQuery", () => {
  it("answers each run with its own values, and each shape (filter present, list length, order, limit) correctly", async () => {
    expect(await names(base)).toEqual(["周南市", "阿武町", "下関市"]);
    expect(await names({ ...base, pref: "島根" })).toEqual(["津和野町"]);
    expect(await names({ ...base, kind: "city" })).toEqual(["周南市", "下関市"]);
    expect(await names({ ...base, kind: "town" })).toEqual(["阿武町"]);
    expect(await names({ ...base, kind: "" })).toEqual(["周南市", "阿武町", "下関市"]);
    expect(await names({ ...base, ids: ["2"] })).toEqual(["阿武町"]);
    expect(await names({ ...base, ids: ["1", "3"] })).toEqual(["周南市", "下関市"]);
    expect(await names({ ...base, ids: ["3", "4"] })).toEqual(["下関市"]);
    expect(await names({ ...base, ids: [] })).toEqual([]);
    expect(await names({ ...base, desc: true, limit: 2 })).toEqual(["下関市", "阿武町"]);
    expect(await names({ ...base, limit: 2, offset: 1 })).toEqual(["阿武町", "下関市"]);
    expect(await names({ ...base, limit: 2, offset: 2 })).toEqual(["下関市"]);
  });

  it("binds strings and the numbers named as bound, and writes the other numbers into the SQL", async () => {
    executed.length = 0;
    await names({ ...base, pref: "島根", limit: 3, offset: 5 });
    expect(executed.at(-1)).toMatch(/limit 3 offset \?$/);
    expect(executed.at(-1)).not.toContain("島根");
  });

  it("builds afresh on every run a shape whose string is made into something else (a LIKE pattern)", async () => {
    const like = preparedQuery((d, f: { q: string }) =>
      (d as unknown as Kysely<any>).selectFrom("towns").select("name").where("name", "like", `%${f.q}%`).orderBy("id"),
    );
    expect(await like(db, "sqlite", { q: "市" })).toEqual([{ name: "周南市" }, { name: "下関市" }]);
    expect(await like(db, "sqlite", { q: "町" })).toEqual([{ name: "阿武町" }, { name: "津和野町" }]);
  });

  it("refuses, under test, a build that lets a string's content decide the query's shape", async () => {
    const bad = preparedQuery((d, f: { order: string }) =>
      (d as unknown as Kysely<any>)
        .selectFrom("towns")
        .select("id")
        .orderBy("id", f.order === "desc" ? "desc" : "asc"),
    );
    await expect(bad(db, "sqlite", { order: "desc" })).rejects.toThrow(/cached shape differs/);
  });
});
