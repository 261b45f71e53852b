import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, withStatementCache } from "./database.js";
import { limitCount, RenkeiSqliteDialect } from "./sqlite-limit.js";

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

  it("writes a whole-number LIMIT into the statement (a bound one makes SQLite prepare it again on every run), other values stay bound", async () => {
    const db = new Kysely<any>({ dialect: new RenkeiSqliteDialect({ database: withStatementCache(open()) }) });
    await sql`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)`.execute(db);
    for (let id = 1; id <= 5; id++)
      await db
        .insertInto("t")
        .values({ id, name: `n${id}` })
        .execute();
    const page = (limit: number, offset: number) => db.selectFrom("t").select("id").orderBy("id").limit(limit).offset(offset);
    expect(page(2, 1).compile()).toMatchObject({ sql: 'select "id" from "t" order by "id" limit 2 offset ?', parameters: [1] });
    expect((await page(2, 1).execute()).map((r) => r.id)).toEqual([2, 3]);
    expect((await page(2, 3).execute()).map((r) => r.id)).toEqual([4, 5]);
    expect((await page(10, 0).execute()).map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    // A subquery's LIMIT too; a limit that is not a whole number is left to SQLite as a parameter.
    const newest = db
      .selectFrom("t")
      .select((eb) => eb.selectFrom("t as u").select("u.id").orderBy("u.id", "desc").limit(1).as("top"));
    expect(newest.compile().sql).toContain("limit 1)");
    expect(db.selectFrom("t").select("id").limit(sql<number>`${"2"}`).compile().parameters).toEqual(["2"]);
    const injected = db.selectFrom("t").select("id").limit(1.5);
    expect(injected.compile()).toMatchObject({ sql: 'select "id" from "t" limit ?', parameters: [1.5] });
    // Raw SQL says so itself.
    const raw = sql<{ id: number }>`select id from t order by id limit ${limitCount(3)}`;
    expect(raw.compile(db)).toMatchObject({ sql: "select id from t order by id limit 3", parameters: [] });
    expect((await raw.execute(db)).rows.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(() => limitCount(-1)).toThrow(RangeError);
    expect(() => limitCount(Number.NaN)).toThrow(RangeError);
    await db.destroy();
  });

  it("changes its change mark on a write of its own (INSERT … RETURNING too) or a commit elsewhere (from the loop's next turn), never on a read", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-mark-"));
    dirs.push(dir);
    const database = openDatabase({ dataDir: dir });
    const db = database.db as unknown as Kysely<any>;
    await sql`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)`.execute(db);
    const mark = () => database.changeMark!();
    const m0 = mark();
    await db.selectFrom("t").selectAll().execute();
    expect(mark()).toBe(m0);
    await db.insertInto("t").values({ name: "a" }).returning("id").execute();
    const m1 = mark();
    expect(m1).not.toBe(m0);
    await db.selectFrom("t").selectAll().execute();
    expect(mark()).toBe(m1);
    const elsewhere = new SQLite(path.join(dir, "renkei.sqlite"));
    elsewhere.prepare("UPDATE t SET name = 'b'").run();
    elsewhere.close();
    // PRAGMA data_version is read once per turn of the event loop: a commit elsewhere counts from the next.
    expect(mark()).toBe(m1);
    await new Promise(setImmediate);
    expect(mark()).not.toBe(m1);
    await database.close();
  });
});
