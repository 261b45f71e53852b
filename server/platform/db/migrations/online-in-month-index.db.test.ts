import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { readOnlineCountsAt } from "../../../modules/progress/online-repo.js";
import { progressIds } from "../../../modules/progress/test-support.js";
import { testEnv } from "../../testing/harness.js";
import * as m1020 from "./1020-progress-online-in-month-index.js";

/**
 * Migration 1020: the online procedures' counts "as of" a day come from the totals' range of the month index,
 * which now carries them, instead of a seek per municipality into an index of their own.
 */
describe("migration 1020: the online counts in the month index", () => {
  it("reads each municipality's latest kept counts up to a day, as the seek per municipality did, before and after", async () => {
    const env = await testEnv();
    const db = env.database.db;
    const ctx = { db, engine: env.database.engine };
    const programmeId = await (await progressIds(env)).prog("online-procedures");
    const first = (await db.selectFrom("progress_org_days").select("day").orderBy("day").executeTakeFirstOrThrow()).day;
    const days = ["2000-01-01", first, `${first.slice(0, 7)}-28`, "2100-01-01"];
    const read = async () => Promise.all(days.map(async (day) => [...(await readOnlineCountsAt(ctx, programmeId, day))].sort()));
    // The rule as it was: each municipality's latest day row up to the day, one seek each; none, none kept.
    const bySeek = async () =>
      Promise.all(
        days.map(async (day) => {
          const { rows } = await sql<{ org_id: string; online: string | null }>`SELECT s.org_id,
              (SELECT COALESCE(d.online, '') FROM progress_org_days d
                WHERE d.programme_id = s.programme_id AND d.org_id = s.org_id AND d.day <= ${day}
                ORDER BY d.day DESC LIMIT 1) AS online
            FROM progress_org_state s WHERE s.programme_id = ${programmeId}`.execute(db);
          return rows
            .filter((r) => r.online !== null)
            .map((r) => [r.org_id, r.online] as [string, string])
            .sort();
        }),
      );
    const indexes = async () => {
      const { rows } =
        env.database.engine === "postgres"
          ? await sql<{ name: string; def: string }>`SELECT indexname AS name, indexdef AS def FROM pg_indexes
              WHERE schemaname = current_schema() AND tablename = 'progress_org_days'`.execute(db)
          : await sql<{ name: string; def: string | null }>`SELECT name, sql AS def FROM sqlite_master
              WHERE type = 'index' AND tbl_name = 'progress_org_days'`.execute(db);
      return new Map(rows.map((r) => [r.name, r.def ?? ""]));
    };

    const counts = await read();
    expect(counts[0]).toEqual([]);
    expect(counts[3]!.some(([, text]) => /^[0-9a-f]{16}:\d+:\d+:\d+$/.test(text) && text.split(":")[1] !== "0")).toBe(true);
    expect(counts).toEqual(await bySeek());
    expect((await indexes()).get("progress_org_days_month")).toMatch(/dues, online\)/);
    expect((await indexes()).has("progress_org_days_online")).toBe(false);

    await m1020.down(db);
    expect((await indexes()).get("progress_org_days_month")).not.toMatch(/online/);
    expect((await indexes()).has("progress_org_days_online")).toBe(true);
    expect(await read()).toEqual(counts);

    await m1020.up(db);
    expect((await indexes()).get("progress_org_days_month")).toMatch(/dues, online\)/);
    expect(await read()).toEqual(counts);
  });
});
