/**
 * Writes the upgrade fixture of the current release: a fresh SQLite database with this commit's
 * migrations, the demo council and its content, dumped to server/platform/db/upgrade/release-<version>.json.gz.
 * Run it at each release (`node --import tsx scripts/upgrade-fixture.ts`); the upgrade test then migrates
 * every kept release's data to the latest schema on SQLite and PostgreSQL.
 */
import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../server/config.js";
import { seedDemoContent } from "../server/modules/demo/content.js";
import { seedDemo } from "../server/modules/demo/seed.js";
import type { Ctx } from "../server/platform/context.js";
import { migrateToLatest, openDatabase } from "../server/platform/db/database.js";
import { dumpSqlite, type Fixture, writeFixture } from "../server/platform/db/upgrade/fixture.js";

const root = path.resolve(import.meta.dirname, "..");
const version = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version as string;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-fixture-"));
const config = { ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent" }) };
const database = openDatabase(config);
const ctx: Ctx = { db: database.db, engine: "sqlite", config, actor: null, ip: null, userAgent: null };
await migrateToLatest(database.db);
const demo = await seedDemo(ctx, { password: "Demo-Password-2026" });
await seedDemoContent(ctx, demo);

const tables = await dumpSqlite(database.db);
const applied = (await database.db
  .selectFrom("kysely_migration" as never)
  .select("name" as never)
  .execute()) as { name: string }[];
const blobs: Record<string, string> = {};
for (const f of await database.db.selectFrom("files").select("sha256").execute())
  blobs[f.sha256] = fs.readFileSync(path.join(dataDir, "files", f.sha256.slice(0, 2), f.sha256)).toString("base64");
const fixture: Fixture = {
  release: version,
  commit: process.env.FIXTURE_COMMIT ?? execSync("git rev-parse HEAD", { cwd: root, encoding: "utf8" }).trim(),
  migrations: applied.map((r) => r.name).sort(),
  tables,
  blobs,
};
await database.close();
fs.rmSync(dataDir, { recursive: true, force: true });
const out = path.join(root, "server/platform/db/upgrade", `release-${version}.json.gz`);
fs.writeFileSync(out, writeFixture(fixture));
const rows = tables.reduce((n, t) => n + t.rows.length, 0);
console.log(
  `${out}: ${fixture.migrations.length} migrations, ${tables.length} tables, ${rows} rows, ${fs.statSync(out).size} bytes`,
);
