import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { withStatementCache } from "./database.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function open() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-stmt-"));
  dirs.push(dir);
  return new SQLite(path.join(dir, "t.sqlite"));
}

describe("the SQLite statement cache", () => {
  it("prepares a statement once, keeps the most recently used ones, and evicts the oldest", () => {
    const handle = withStatementCache(open(), 2);
    const a = handle.prepare("SELECT 1 AS a");
    expect(handle.prepare("SELECT 1 AS a")).toBe(a);
    const b = handle.prepare("SELECT 2 AS b");
    handle.prepare("SELECT 1 AS a"); // a is now the most recent: b goes first
    handle.prepare("SELECT 3 AS c");
    expect(handle.prepare("SELECT 1 AS a")).toBe(a);
    expect(handle.prepare("SELECT 2 AS b")).not.toBe(b);
    handle.close();
  });

  it("answers correctly through Kysely with new parameters, after writes and after a schema change", async () => {
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: withStatementCache(open()) }) });
    await sql`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)`.execute(db);
    const byId = (id: number) => db.selectFrom("t").selectAll().where("id", "=", id).executeTakeFirst();
    await db.insertInto("t").values({ id: 1, name: "周南" }).execute();
    await db.insertInto("t").values({ id: 2, name: "阿武" }).execute();
    expect(await byId(1)).toEqual({ id: 1, name: "周南" });
    expect(await byId(2)).toEqual({ id: 2, name: "阿武" });
    await db.updateTable("t").set({ name: "下関" }).where("id", "=", 2).execute();
    expect(await byId(2)).toEqual({ id: 2, name: "下関" });
    await sql`ALTER TABLE t ADD COLUMN kind TEXT`.execute(db);
    expect(await byId(2)).toEqual({ id: 2, name: "下関", kind: null });
    await db.destroy();
  });
});
