import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { engine } from "../testing/harness.js";
import { openDatabase } from "./database.js";

/** The connection pool: PostgreSQL's (`npm test` starts the server); SQLite has one connection and none. */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-pool-"));
const database = openDatabase({ dataDir, databaseUrl: engine === "postgres" ? process.env.TEST_DATABASE_URL : undefined });
afterAll(async () => {
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const backend = async () =>
  (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid, pg_sleep(0.05)`.execute(database.db)).rows[0]!.pid;

describe(`the connection pool on ${engine}`, () => {
  if (engine === "sqlite")
    it("is not there: one connection serves every request", () => {
      expect(database.engine).toBe("sqlite");
      expect(database.pool).toBeUndefined();
    });
  else
    it("keeps two connections open through a quiet spell, so the next request does not connect again", async () => {
      // Three requests at once: three connections.
      const busy = new Set(await Promise.all([backend(), backend(), backend()]));
      expect(busy.size).toBe(3);
      expect(database.pool!().total).toBe(3);
      // Past node-pg's idle timeout (10 s): the third is closed, two stay, and they answer what comes next.
      await new Promise((r) => setTimeout(r, 10_500));
      expect(database.pool!().total).toBe(2);
      const next = await Promise.all([backend(), backend()]);
      for (const pid of next) expect(busy.has(pid)).toBe(true);
    }, 20_000);
});
