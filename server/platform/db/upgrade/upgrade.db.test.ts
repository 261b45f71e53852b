import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildApp } from "../../../app.js";
import { verifyInstallation } from "../../ops/verify.js";
import { atFileEnd } from "../../testing/cleanups.js";
import { testConfig } from "../../testing/config.js";
import { engine } from "../../testing/harness.js";
import { scratchPostgres } from "../../testing/scratch-postgres.js";
import { openDatabase } from "../database.js";
import { MigrationError, migrateToLatest } from "../migrate.js";
import { migrations } from "../migrations/index.js";
import { loadFixture, readFixture } from "./fixture.js";

const here = import.meta.dirname;
const releases = fs.readdirSync(here).filter((f) => /^release-.*\.json\.gz$/.test(f));

/** An empty database of the engine under test, in a new data folder. */
async function emptyDatabase() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-upgrade-"));
  const scratch = engine === "postgres" ? await scratchPostgres(process.env.TEST_DATABASE_URL!, "renkei_t") : null;
  const config = testConfig({ DATA_DIR: dataDir, DATABASE_URL: scratch?.url });
  const database = openDatabase(config);
  atFileEnd(async () => {
    await database.close();
    await scratch?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return { config, database };
}

const key = (row: unknown[]) => JSON.stringify(row);

describe(`upgrading on ${engine}`, () => {
  it("keeps a fixture of at least one earlier release", () => {
    expect(releases).toContain("release-0.1.0.json.gz");
  });

  for (const file of releases) {
    it(`migrates the ${file.replace(/\.json\.gz$/, "")} database to the latest schema without losing a row`, async () => {
      const fixture = readFixture(fs.readFileSync(path.join(here, file)));
      // Migrations are never removed or renamed: the release's are all still here.
      expect(fixture.migrations.filter((m) => !(m in migrations))).toEqual([]);
      const { config, database } = await emptyDatabase();
      const db = database.db as any;
      await migrateToLatest(db, Object.fromEntries(fixture.migrations.map((m) => [m, migrations[m]!])));
      await loadFixture(db, fixture);
      for (const [sha, b64] of Object.entries(fixture.blobs)) {
        fs.mkdirSync(path.join(config.dataDir, "files", sha.slice(0, 2)), { recursive: true });
        fs.writeFileSync(path.join(config.dataDir, "files", sha.slice(0, 2), sha), Buffer.from(b64, "base64"));
      }

      const applied = await migrateToLatest(db);
      expect(applied.sort()).toEqual(
        Object.keys(migrations)
          .filter((m) => !fixture.migrations.includes(m))
          .sort(),
      );

      // Every row of the release is still there with the same values, but for what migration 0940 recomputed:
      // KPI records stored under the old rule (only metric items; same record, next version) and one history row each.
      const moved = await recomputedKpiRecords(db, fixture);
      for (const t of fixture.tables) {
        const rows = await db.selectFrom(t.name).select(t.columns).execute();
        const now: string[] = rows.map((r: Record<string, unknown>) => key(t.columns.map((c) => r[c] ?? null))).sort();
        const then = t.rows.map(key).sort();
        if (t.name === "progress_records") {
          const id = t.columns.indexOf("id");
          const kept = (list: string[]) => list.filter((k) => !moved.has(String(JSON.parse(k)[id])));
          expect(kept(now), t.name).toEqual(kept(then));
        } else if (t.name === "progress_history") {
          const [nowSet, thenSet] = [new Set(now), new Set(then)];
          expect(
            now.filter((k) => !thenSet.has(k)),
            t.name,
          ).toHaveLength(moved.size);
          expect(
            then.filter((k) => !nowSet.has(k)),
            t.name,
          ).toEqual([]);
        } else expect(now, t.name).toEqual(then);
      }
      // Progress totals (migration 0710) were built from the release's records: one row per municipality and programme.
      const tracked = await db.selectFrom("progress_records").select(["programme_id", "org_id"]).distinct().execute();
      expect(await db.selectFrom("progress_org_state").select(["programme_id", "org_id"]).execute()).toHaveLength(tracked.length);
      // Each history row of the release carries its record's municipality (migration 0990: a town's newest changes).
      const history = await db
        .selectFrom("progress_history as h")
        .innerJoin("progress_records as r", "r.id", "h.record_id")
        .select(["h.org_id as kept", "r.org_id as owner"])
        .execute();
      expect(history.length).toBeGreaterThan(0);
      expect(history.filter((h: { kept: string; owner: string }) => h.kept !== h.owner)).toEqual([]);
      // The database checks out, including the audit chain built over the release's rows.
      const checks = await verifyInstallation({ db: database.db, engine: database.engine, config });
      expect(checks.flatMap((c) => c.problems)).toEqual([]);

      // And the application works on it: sign in, search the release's content, read the audit log.
      const app = await buildApp({ config, database });
      const login = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: "admin@example.jp", password: "Demo-Password-2026" },
      });
      expect(login.statusCode).toBe(200);
      const headers = { cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join("; ") };
      const entries = fixture.tables.find((t) => t.name === "search_entries")!;
      const title = String(entries.rows[0]![entries.columns.indexOf("title")]);
      const search = await app.inject({ method: "GET", url: `/api/search?q=${encodeURIComponent(title.slice(0, 6))}`, headers });
      expect(search.statusCode).toBe(200);
      expect(search.json().items.length).toBeGreaterThan(0);
      const audit = await app.inject({ method: "GET", url: "/api/audit?limit=5", headers });
      expect(audit.json().total).toBeGreaterThan(fixture.tables.find((t) => t.name === "audit_log")!.rows.length);
      await app.close();
    }, 120_000);
  }
});

/** The records 0940 rewrote: each of a metric item, the same record one version on. */
async function recomputedKpiRecords(db: any, fixture: ReturnType<typeof readFixture>) {
  const t = fixture.tables.find((x) => x.name === "progress_records")!;
  const col = (row: unknown[], c: string) => row[t.columns.indexOf(c)];
  const then = new Map(t.rows.map((r) => [String(col(r, "id")), r]));
  const rows = await db
    .selectFrom("progress_records as r")
    .innerJoin("progress_items as i", "i.id", "r.item_id")
    .select(["r.id", "r.item_id", "r.org_id", "r.version", "i.tracking"])
    .execute();
  const moved = new Set<string>();
  for (const r of rows) {
    const old = then.get(r.id);
    if (!old || Number(r.version) === Number(col(old, "version"))) continue;
    expect([r.tracking, r.item_id, r.org_id, Number(r.version)]).toEqual([
      "metrics",
      col(old, "item_id"),
      col(old, "org_id"),
      Number(col(old, "version")) + 1,
    ]);
    moved.add(r.id);
  }
  return moved;
}

describe(`migrations on ${engine}`, () => {
  it("roll a failed migration back whole, and refuse to start on a half-applied one", async () => {
    const { database } = await emptyDatabase();
    const db = database.db as any;
    const failing = {
      "0001-made-table": {
        async up(d: any) {
          await d.schema.createTable("made").addColumn("id", "text").execute();
          await d.insertInto("made").values({ id: "a" }).execute();
          throw new Error("disk full");
        },
      },
    };
    await expect(migrateToLatest(db, failing)).rejects.toThrow(/Migration 0001-made-table failed: disk full\nIt was rolled back/);
    const tables = (await db.introspection.getTables()).map((t: { name: string }) => t.name);
    expect(tables).not.toContain("made");

    const outside = {
      "0001-made-table": {
        transactional: false,
        async up(d: any) {
          await d.schema.createTable("made").addColumn("id", "text").execute();
          throw new Error("killed");
        },
      },
    };
    await expect(migrateToLatest(db, outside)).rejects.toThrow(/half-changed/);
    // The next start refuses, whatever it would apply, naming the migration and the way out.
    const err = await migrateToLatest(db).catch((e) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect(err.message).toMatch(/Migration 0001-made-table started at .* did not finish.*will not start.*renkei restore/s);
  });

  it("run a data step after the last migration, on the schema the later ones made; a failed one stays pending", async () => {
    const { database } = await emptyDatabase();
    const db = database.db as any;
    let diskFull = true;
    const list = {
      "0001-made-table": {
        up: (d: any) => d.schema.createTable("made").addColumn("id", "text").execute(),
        // Today's code writes a column that only the next migration adds.
        async rebuild(d: any) {
          await d.insertInto("made").values({ id: "a", note: "今日のコード" }).execute();
          if (diskFull) throw new Error("disk full");
        },
      },
      "0002-made-note": { up: (d: any) => d.schema.alterTable("made").addColumn("note", "text").execute() },
    };
    await expect(migrateToLatest(db, list)).rejects.toThrow(
      /data step of migration 0001-made-table failed: disk full\nIt was rolled back and runs again at the next start/,
    );
    expect(await db.selectFrom("made").selectAll().execute()).toEqual([]);
    diskFull = false;
    expect(await migrateToLatest(db, list)).toEqual([]);
    expect(await db.selectFrom("made").selectAll().execute()).toEqual([{ id: "a", note: "今日のコード" }]);
    // Done once: a later start does not run it again.
    expect(await migrateToLatest(db, list)).toEqual([]);
    expect(await db.selectFrom("made").selectAll().execute()).toHaveLength(1);
  });

  it("refuse a database migrated by a newer release", async () => {
    const { database } = await emptyDatabase();
    await migrateToLatest(database.db);
    await database.db
      .insertInto("kysely_migration" as never)
      .values({ name: "9999-future", timestamp: new Date().toISOString() } as never)
      .execute();
    await expect(migrateToLatest(database.db)).rejects.toThrow(/newer Renkei \(unknown migrations: 9999-future\)/);
  });
});
