import { describe, expect, it } from "vitest";
import { makeMeeting } from "../../../modules/meetings/test-support.js";
import { testEnv } from "../../testing/harness.js";
import * as m0910 from "./0910-members-search-scope.js";

/**
 * Before search knew the members scope, a meeting 委員限り as a whole was indexed in its body's scope. The
 * upgrade moves exactly those entries, so a reader of the body stops finding them without waiting for an edit.
 */
describe("migration 0910: 委員限り meetings leave the body's search scope", () => {
  it("moves the entry of a whole-meeting 委員限り meeting, and only that one, to the members scope", async () => {
    const env = await testEnv();
    const db = env.database.db;
    const hidden = { id: (await makeMeeting(env, env.demo.bodies.council)).id, body_id: env.demo.bodies.council };
    const open = { id: (await makeMeeting(env, env.demo.bodies.wgOnline)).id, body_id: env.demo.bodies.wgOnline };
    await db.updateTable("meetings").set({ disclosure: "members" }).where("id", "=", hidden.id).execute();
    // The state an earlier release left: both meetings' entries in their bodies' scope.
    await db.deleteFrom("search_entries").where("kind", "=", "meeting").where("ref_id", "in", [hidden.id, open.id]).execute();
    for (const m of [hidden, open])
      await db
        .insertInto("search_entries")
        .values({
          kind: "meeting",
          ref_id: m.id,
          title: "会議",
          search_text: "会議",
          date: null,
          link: `/meetings/${m.id}`,
          scope_type: "body",
          scope_id: m.body_id,
          updated_at: new Date().toISOString(),
        })
        .execute();

    await m0910.up(db);

    const scopes = await db
      .selectFrom("search_entries")
      .select(["ref_id", "scope_type", "scope_id"])
      .where("kind", "=", "meeting")
      .where("ref_id", "in", [hidden.id, open.id])
      .execute();
    expect(Object.fromEntries(scopes.map((s) => [s.ref_id, [s.scope_type, s.scope_id]]))).toEqual({
      [hidden.id]: ["members", hidden.body_id],
      [open.id]: ["body", open.body_id],
    });
  });
});
