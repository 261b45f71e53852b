import { beforeAll, describe, expect, it } from "vitest";
import { type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { indexEntry, type SearchScope } from "./index-entry.js";

/**
 * The privacy guarantee of search: plant one private item per organisation (a consultation), one
 * document per body (members-only bodies included) and one staff-only note, then search as every
 * user with 1-, 2- and 4+-character queries and compare with an oracle computed from the rules.
 */
let env: TestEnv;
const planted: { refId: string; scope: SearchScope }[] = [];

beforeAll(async () => {
  env = await testEnv();
  const add = async (refId: string, kind: "consultation" | "document" | "notice", scope: SearchScope) => {
    await indexEntry(env.ctx, {
      kind,
      refId,
      title: `機密の件 ${refId}`,
      text: "ガバメントクラウドの税と戸籍",
      date: "2025-07-01",
      link: `/x/${refId}`,
      scope,
    });
    planted.push({ refId, scope });
  };
  for (const [name, orgId] of Object.entries(env.demo.orgs)) await add(`org:${name}`, "consultation", { type: "org", orgId });
  for (const [name, bodyId] of Object.entries(env.demo.bodies)) await add(`body:${name}`, "document", { type: "body", bodyId });
  // 委員限り: the body's members only, even when the body itself is open to everyone.
  for (const [name, bodyId] of Object.entries(env.demo.bodies))
    await add(`members:${name}`, "notice", { type: "members", bodyId });
  await add("staff", "notice", { type: "staff" });
  await add("all", "notice", { type: "all" });
});

async function oracle(userId: string) {
  const db = env.database.db;
  const user = await db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirstOrThrow();
  const bodies = await db.selectFrom("bodies").select(["id", "visibility"]).execute();
  const today = new Date().toISOString().slice(0, 10);
  const memberships = await db.selectFrom("body_members").selectAll().execute();
  const runsCouncil = user.role === "admin" || user.role === "secretariat";
  const staff = runsCouncil || user.role === "specialist";
  const onRoll = (bodyId: string) =>
    memberships.some(
      (m) => m.body_id === bodyId && (m.org_id === user.org_id || m.user_id === user.id) && (!m.term_end || m.term_end >= today),
    );
  const seesBody = (bodyId: string) => runsCouncil || bodies.find((b) => b.id === bodyId)?.visibility === "all" || onRoll(bodyId);
  return new Set(
    planted
      .filter(({ scope }) =>
        scope.type === "all"
          ? true
          : scope.type === "staff"
            ? staff
            : scope.type === "org"
              ? staff || (user.role === "municipal" && scope.orgId === user.org_id)
              : scope.type === "members"
                ? runsCouncil || onRoll(scope.bodyId)
                : seesBody(scope.bodyId),
      )
      .map((p) => p.refId),
  );
}

describe("search never returns what the searcher may not see", () => {
  it("holds for every user and every query length", async () => {
    const users = await env.database.db.selectFrom("users").select(["id", "email"]).where("status", "=", "active").execute();
    expect(users.length).toBeGreaterThan(20);
    // The 委員限り rule is exercised: someone finds a body's open entry and not its 委員限り one.
    let openNotMembers = 0;
    for (const user of users) {
      const expected = await oracle(user.id);
      for (const name of Object.keys(env.demo.bodies))
        if (expected.has(`body:${name}`) && !expected.has(`members:${name}`)) openNotMembers++;
      const client = await env.as(user.email);
      for (const q of ["税", "機密", "クラウド", "ガバメントクラウド 戸籍"]) {
        const res = await client.get(`/api/search?q=${encodeURIComponent(q)}&limit=100`);
        expect(res.status).toBe(200);
        const got = new Set<string>(res.body.items.map((i: { refId: string }) => i.refId));
        expect([...got].sort(), `${user.email} searching ${q}`).toEqual([...expected].sort());
      }
    }
    expect(openNotMembers).toBeGreaterThan(0);
  });

  it("matches the written rules on the demo council", async () => {
    const seen = async (email: string) =>
      ((await (await env.as(email)).get("/api/search?q=%E6%A9%9F%E5%AF%86&limit=100")).body.items as { refId: string }[]).map(
        (i) => i.refId,
      );
    const kaminoseki = await seen("kaminoseki@example.jp");
    expect(kaminoseki).toContain("org:上関町");
    expect(kaminoseki).not.toContain("org:阿武町");
    expect(kaminoseki).not.toContain("body:wgRpa"); // members-only WG 上関町 is not in
    expect(kaminoseki).not.toContain("staff");
    expect(kaminoseki).toContain("body:council");
    expect(kaminoseki).toContain("members:council");
    const specialist = await seen("specialist@example.jp");
    expect(specialist).toEqual(expect.arrayContaining(["org:阿武町", "org:上関町", "staff"]));
    const observer = await seen("observer@example.jp");
    expect(observer.filter((r) => r.startsWith("org:") && r !== "org:総務省")).toEqual([]);
    expect(observer).not.toContain("staff");
    const secretariat = await seen("secretariat@example.jp");
    expect(secretariat).toHaveLength(planted.length);
  });
});
