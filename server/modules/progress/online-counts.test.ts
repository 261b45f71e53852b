import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../../platform/context.js";
import { type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { getDashboard } from "./dashboard.js";
import { onlineFigures } from "./online.js";
import { storeOnlineCounts } from "./online-repo.js";
import { applyProgressUpdates } from "./service.js";
import { onlineProgramme } from "./test-support.js";

/**
 * The online procedures' counts kept per municipality on each write (progress_org_state.online, migration
 * 0935): the dashboard after a write reads them instead of every municipality's step states, and they
 * always equal a count from the step states — after any edits, and after a definition change.
 */
let env: TestEnv;
let ctx: Ctx;
let programmeId: string;
let items: string[];
let stepOf: Map<string, string>;
let orgs: string[];
let online: Awaited<ReturnType<typeof onlineProgramme>>;

beforeAll(async () => {
  env = await testEnv();
  online = await onlineProgramme(env);
  ({ programmeId, items, stepOf, municipalities: orgs, ctx } = online);
});

const kept = () =>
  env.database.db
    .selectFrom("progress_org_state")
    .select(["org_id", "online"])
    .where("programme_id", "=", programmeId)
    .orderBy("org_id")
    .execute();

/** The SQL the block runs, as the database's observers see it. */
async function statementsOf(run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const observer = (_kind: unknown, _s: number, _failed: boolean, sql: string) => void seen.push(sql);
  env.database.observers.add(observer);
  try {
    await run();
  } finally {
    env.database.observers.delete(observer);
  }
  return seen;
}

describe("the online procedures' counts kept on each write", () => {
  it("equal a count from the step states after any edits, and the dashboard after a write reads no step state", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(online.channelEdit(6), { minLength: 1, maxLength: 12 }), async (edits) => {
        await online.applyChannelEdits(orgs, edits);
        const fromStates = await onlineFigures(ctx, items, orgs);
        let shown: Awaited<ReturnType<typeof getDashboard>> | undefined;
        const sql = await statementsOf(async () => {
          shown = await getDashboard(ctx, { programmeId });
        });
        expect(shown!.online).toEqual(fromStates);
        expect(sql.length).toBeGreaterThan(0); // computed anew after the write, not served from memory
        expect(sql.filter((s) => s.includes("progress_step_states"))).toEqual([]);
      }),
      { numRuns: 10, endOnFailure: true },
    );
  }, 120_000);

  it("are counted anew when a definition changes (an item no longer a national target), and stored for the next read", async () => {
    const before = await kept();
    expect(before.every((r) => r.online !== null)).toBe(true);
    await env.database.db.updateTable("progress_items").set({ national_target: 0 }).where("id", "=", items[0]!).execute();
    try {
      const fromStates = await onlineFigures(ctx, items, orgs);
      expect((await getDashboard(ctx, { programmeId })).online).toEqual(fromStates);
      const after = await kept();
      const basis = (t: string | null) => t!.split(":")[0];
      expect(new Set(after.map((r) => basis(r.online))).size).toBe(1);
      expect(basis(after[0]!.online)).not.toBe(basis(before[0]!.online));
      // Stored: the next computation reads no step state.
      await applyProgressUpdates(
        ctx,
        [{ orgId: orgs[0]!, itemId: items[1]!, steps: [{ stepId: stepOf.get(items[1]!)!, status: "in_progress" }] }],
        {
          source: "manual",
        },
      );
      const sql = await statementsOf(() => getDashboard(ctx, { programmeId }));
      expect(sql.filter((s) => s.includes("progress_step_states"))).toEqual([]);
      expect((await getDashboard(ctx, { programmeId })).online).toEqual(await onlineFigures(ctx, items, orgs));
    } finally {
      await env.database.db.updateTable("progress_items").set({ national_target: 1 }).where("id", "=", items[0]!).execute();
    }
  });

  it("a recount stored by a read leaves a row a write has meanwhile counted for the same definitions", async () => {
    const [row] = await kept();
    const basis = row!.online!.split(":")[0]!;
    await storeOnlineCounts(ctx, programmeId, basis, [{ orgId: row!.org_id, online: `${basis}:99:0:0` }]);
    expect((await kept())[0]!.online).toBe(row!.online);
    // A row of other definitions is replaced.
    await env.database.db
      .updateTable("progress_org_state")
      .set({ online: "0000000000000000:1:2:3" })
      .where("programme_id", "=", programmeId)
      .where("org_id", "=", row!.org_id)
      .execute();
    await storeOnlineCounts(ctx, programmeId, basis, [{ orgId: row!.org_id, online: row!.online! }]);
    expect((await kept())[0]!.online).toBe(row!.online);
  });
});
