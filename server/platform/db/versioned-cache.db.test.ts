import { beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { seedDemoContent } from "../../modules/demo/content.js";
import type { App } from "../http/types.js";
import { DEMO_PASSWORD, type TestEnv, testEnv } from "../testing/harness.js";
import { type Database, openDatabase } from "./database.js";

// Two instances of Renkei on one database, as behind a load balancer: each keeps its own
// in-memory copies (settings, bodies and memberships; the rows of the lists every page shows), and
// must see a change made anywhere else (the other instance, or SQL typed by an operator) at its next
// request (on PostgreSQL, once the change's notification has arrived: see "sessions across instances").
let env: TestEnv;
let other: { database: Database; app: App };
beforeAll(async () => {
  env = await testEnv();
  await seedDemoContent(env.ctx, env.demo);
  const database = openDatabase(env.config);
  other = { database, app: await buildApp({ config: env.config, database }) };
  return async () => {
    await other.app.close();
    await other.database.close();
  };
});

const getOnOther = async (url: string, cookie: string) => {
  const res = await other.app.inject({ method: "GET", url, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.json();
};

describe("in-memory reference data across instances", () => {
  it("a membership added on one instance, then removed by SQL, shows on the other at once", async () => {
    const admin = await env.as("admin@example.jp");
    const clerk = await env.as("abu@example.jp");
    const bodies = (await admin.get("/api/bodies")).body.items as { id: string; visibility: string }[];
    const seen = new Set(((await getOnOther("/api/bodies", clerk.cookie)).items as { id: string }[]).map((b) => b.id));
    const hidden = bodies.find((b) => b.visibility === "members" && !seen.has(b.id));
    expect(hidden, "the demo has a members-only body 阿武町 is not in").toBeDefined();

    const added = await admin.post(`/api/bodies/${hidden!.id}/members`, { orgId: env.demo.orgs["阿武町"], position: "member" });
    expect(added.status).toBe(201);
    const after = (await getOnOther("/api/bodies", clerk.cookie)).items as { id: string; myPosition: string | null }[];
    expect(after.find((b) => b.id === hidden!.id)?.myPosition).toBe("member");
    const meetings = await getOnOther(`/api/meetings?bodyId=${hidden!.id}`, clerk.cookie);
    expect(meetings.items).toBeInstanceOf(Array);

    await env.database.db
      .deleteFrom("body_members")
      .where("body_id", "=", hidden!.id)
      .where("org_id", "=", env.demo.orgs["阿武町"]!)
      .execute();
    const removed = (await getOnOther("/api/bodies", clerk.cookie)).items as { id: string }[];
    expect(removed.some((b) => b.id === hidden!.id)).toBe(false);
  });

  it("a setting changed on one instance, then by SQL, shows on the other at once", async () => {
    const admin = await env.as("admin@example.jp");
    expect((await admin.patch("/api/settings", { smallMunicipalityThreshold: 5000 })).status).toBe(200);
    expect((await getOnOther("/api/settings", admin.cookie)).smallMunicipalityThreshold).toBe(5000);
    await env.database.db
      .updateTable("settings")
      .set({ value: "7000" })
      .where("key", "=", "smallMunicipalityThreshold")
      .execute();
    expect((await getOnOther("/api/settings", admin.cookie)).smallMunicipalityThreshold).toBe(7000);
  });
});

describe("cached lists across instances", () => {
  const db = () => env.database.db;
  /** Reads `url` on the other instance twice (the second served from its copy), lets `change` write by SQL, and returns the list after. */
  async function afterSqlChange(url: string, email: string, change: () => Promise<unknown>) {
    const client = await env.as(email);
    const first = (await getOnOther(url, client.cookie)).items as Record<string, unknown>[];
    expect((await getOnOther(url, client.cookie)).items).toEqual(first);
    await change();
    return { first, after: (await getOnOther(url, client.cookie)).items as Record<string, any>[] };
  }

  it("meetings: a place changed by SQL, and a body renamed, show at the next request", async () => {
    const { first, after } = await afterSqlChange("/api/meetings", "shunan@example.jp", () =>
      db().updateTable("meetings").set({ place: "県庁 別館 第3会議室" }).execute(),
    );
    expect(first.length).toBeGreaterThan(0);
    expect(after.every((m) => m.place === "県庁 別館 第3会議室")).toBe(true);
    const bodyId = after[0]!.bodyId as string;
    await db().updateTable("bodies").set({ name: "改称後の会議体" }).where("id", "=", bodyId).execute();
    const renamed = (await getOnOther("/api/meetings", (await env.as("shunan@example.jp")).cookie)).items as {
      bodyId: string;
      bodyName: string;
    }[];
    expect(renamed.filter((m) => m.bodyId === bodyId).every((m) => m.bodyName === "改称後の会議体")).toBe(true);
  });

  it("consultations: a new subject and the assignee's new name show at the next request", async () => {
    const { first, after } = await afterSqlChange("/api/consultations", "secretariat@example.jp", () =>
      db().updateTable("consultations").set({ subject: "SQLで直した件名" }).execute(),
    );
    expect(first.length).toBeGreaterThan(0);
    expect(after.every((c) => c.subject === "SQLで直した件名")).toBe(true);
    const creator = after[0]!.createdBy.id as string;
    await db().updateTable("users").set({ name: "改名 太郎" }).where("id", "=", creator).execute();
    const renamed = (await getOnOther("/api/consultations", (await env.as("secretariat@example.jp")).cookie)).items as {
      createdBy: { id: string; name: string };
    }[];
    expect(renamed.filter((c) => c.createdBy.id === creator).every((c) => c.createdBy.name === "改名 太郎")).toBe(true);
  });

  it("surveys: a title, an answer and a target removed by SQL show at the next request", async () => {
    const { first, after } = await afterSqlChange("/api/surveys", "abu@example.jp", () =>
      db().updateTable("surveys").set({ title: "SQLで直した照会" }).execute(),
    );
    expect(first.length).toBeGreaterThan(0);
    expect(after.every((s) => s.title === "SQLで直した照会")).toBe(true);
    expect(
      after.some((s) => s.myAnswer?.status === "draft"),
      "阿武町 has started a draft in the demo",
    ).toBe(true);
    await db().deleteFrom("survey_answers").where("org_id", "=", env.demo.orgs["阿武町"]!).execute();
    const abu = (await env.as("abu@example.jp")).cookie;
    const answers = ((await getOnOther("/api/surveys", abu)).items as { myAnswer: { status: string } }[]).map(
      (s) => s.myAnswer.status,
    );
    expect(answers.every((s) => s === "not_started")).toBe(true);
    await db().deleteFrom("survey_targets").where("org_id", "=", env.demo.orgs["阿武町"]!).execute();
    expect((await getOnOther("/api/surveys", abu)).items).toEqual([]);
  });

  it("challenges: a title changed and a share withdrawn by SQL show at the next request", async () => {
    const { first, after } = await afterSqlChange("/api/challenges", "abu@example.jp", () =>
      db().updateTable("challenges").set({ title: "SQLで直した課題" }).execute(),
    );
    expect(first.length).toBeGreaterThan(0);
    expect(after.every((c) => c.title === "SQLで直した課題")).toBe(true);
    expect(
      after.some((c) => c.sharedByMyOrg),
      "阿武町 shares 美祢市's challenge in the demo",
    ).toBe(true);
    await db().deleteFrom("challenge_shares").where("org_id", "=", env.demo.orgs["阿武町"]!).execute();
    const now = (await getOnOther("/api/challenges", (await env.as("abu@example.jp")).cookie)).items as {
      sharedByMyOrg: boolean;
    }[];
    expect(now.every((c) => !c.sharedByMyOrg)).toBe(true);
  });

  it("notices: a title changed and a notice read by SQL show at the next request", async () => {
    const { first, after } = await afterSqlChange("/api/notices", "shunan@example.jp", () =>
      db().updateTable("notices").set({ title: "SQLで直したお知らせ" }).execute(),
    );
    expect(first.length).toBeGreaterThan(0);
    expect(after.every((n) => n.title === "SQLで直したお知らせ")).toBe(true);
    const unread = after.find((n) => !n.readByMe)!;
    expect(unread, "the demo's notices are unread by 周南市's clerk").toBeDefined();
    const user = await db()
      .selectFrom("users")
      .select(["id", "org_id"])
      .where("email", "=", "shunan@example.jp")
      .executeTakeFirstOrThrow();
    await db()
      .insertInto("notice_reads")
      .values({ notice_id: unread.id, user_id: user.id, org_id: user.org_id, read_at: new Date().toISOString() })
      .execute();
    const now = (await getOnOther("/api/notices", (await env.as("shunan@example.jp")).cookie)).items as {
      id: string;
      readByMe: boolean;
    }[];
    expect(now.find((n) => n.id === unread.id)?.readByMe).toBe(true);
  });
});

// The home page's cards and the notification list are kept per person in the same way, and the cards
// that compare with the clock (meetings to come, open polls and reviews) also until the clock passes a row's time.
describe("the home page and notifications across instances", () => {
  const db = () => env.database.db;
  type Home = { meetings: { id: string; myAttendance: string | null }[]; deadlines: { kind: string; title: string }[] };
  const home = async (cookie: string) => (await getOnOther("/api/home", cookie)) as Home;
  const shunan = () =>
    db().selectFrom("users").select(["id", "org_id"]).where("email", "=", "shunan@example.jp").executeTakeFirstOrThrow();

  it("an attendance given and a date poll answered by SQL show at the next request", async () => {
    const clerk = await env.as("shunan@example.jp");
    const first = await home(clerk.cookie);
    expect(await home(clerk.cookie)).toEqual(first);
    const unanswered = first.meetings.find((m) => m.myAttendance === "unanswered");
    expect(unanswered, "the demo has an announced meeting 周南市 has not answered").toBeDefined();
    const user = await shunan();
    // No row yet (unanswered): the answer is a new row, as the attendance form writes it.
    await db()
      .insertInto("meeting_attendance")
      .values({
        id: crypto.randomUUID(),
        meeting_id: unanswered!.id,
        org_id: user.org_id,
        mode: "online",
        attendees: "[]",
        note: "",
        answered_by: user.id,
        answered_at: new Date().toISOString(),
        present: null,
        roll_by: null,
        roll_at: null,
        on_behalf: 0,
      })
      .execute();
    expect((await home(clerk.cookie)).meetings.find((m) => m.id === unanswered!.id)?.myAttendance).toBe("online");

    const body = await db().selectFrom("meetings").select("body_id").where("id", "=", unanswered!.id).executeTakeFirstOrThrow();
    const poll = {
      id: crypto.randomUUID(),
      body_id: body.body_id,
      meeting_id: null,
      title: "SQLで作った日程調整",
      description: "",
      kind: "online",
      place: "",
      deadline: new Date(Date.now() + 86_400_000).toISOString(),
      status: "open",
      chosen_candidate_id: null,
      reminded_at: null,
      created_by: null,
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    } as const;
    await db().insertInto("date_polls").values(poll).execute();
    expect((await home(clerk.cookie)).deadlines.map((d) => d.title)).toContain(poll.title);
    expect((await home(clerk.cookie)).deadlines.map((d) => d.title)).toContain(poll.title);
    await db()
      .insertInto("date_poll_responses")
      .values({
        poll_id: poll.id,
        org_id: user.org_id,
        choices: "{}",
        comment: "",
        answered_by: user.id,
        answered_at: new Date().toISOString(),
      })
      .execute();
    expect((await home(clerk.cookie)).deadlines.map((d) => d.title)).not.toContain(poll.title);
  });

  it("a meeting leaves the cards when its start passes, with nothing written meanwhile", async () => {
    const clerk = await env.as("shunan@example.jp");
    const { meetings } = await home(clerk.cookie);
    const soon = new Date(Date.now() + 1500);
    await db()
      .updateTable("meetings")
      .set({ starts_at: soon.toISOString(), ends_at: new Date(soon.getTime() + 3_600_000).toISOString() })
      .where("id", "=", meetings.at(-1)!.id)
      .execute();
    expect((await home(clerk.cookie)).meetings[0]!.id).toBe(meetings.at(-1)!.id);
    expect((await home(clerk.cookie)).meetings[0]!.id).toBe(meetings.at(-1)!.id);
    await new Promise((r) => setTimeout(r, soon.getTime() - Date.now() + 50));
    expect((await home(clerk.cookie)).meetings.map((m) => m.id)).not.toContain(meetings.at(-1)!.id);
  });

  it("a notification added and one read by SQL show in the list and the count at the next request", async () => {
    const clerk = await env.as("shunan@example.jp");
    const url = "/api/notifications?unread=true&limit=5&offset=0";
    const count = async () => (await getOnOther("/api/notifications/unread-count", clerk.cookie)).count as number;
    const before = await count();
    expect(await count()).toBe(before);
    const first = await getOnOther(url, clerk.cookie);
    expect(await getOnOther(url, clerk.cookie)).toEqual(first);
    const user = await shunan();
    const id = crypto.randomUUID();
    await db()
      .insertInto("notifications")
      .values({
        id,
        user_id: user.id,
        category: "notice",
        title: "SQLで届いた通知",
        body: "",
        link: "/",
        created_at: new Date().toISOString(),
        read_at: null,
        digested_at: null,
      })
      .execute();
    expect(await count()).toBe(before + 1);
    expect((await getOnOther(url, clerk.cookie)).items[0].title).toBe("SQLで届いた通知");
    await db().updateTable("notifications").set({ read_at: new Date().toISOString() }).where("id", "=", id).execute();
    expect(await count()).toBe(before);
    expect((await getOnOther(url, clerk.cookie)).items.map((n: { id: string }) => n.id)).not.toContain(id);
  });
});

describe("search across instances", () => {
  it("an entry retitled by SQL and a roll ended by SQL show at the next search", async () => {
    const db = env.database.db;
    const clerk = await env.as("shunan@example.jp");
    const url = `/api/search?q=${encodeURIComponent("会議")}`;
    type Found = { items: { refId: string; kind: string; title: string }[] };
    const first = (await getOnOther(url, clerk.cookie)) as Found;
    expect(await getOnOther(url, clerk.cookie)).toEqual(first);
    const hit = first.items[0]!;
    expect(hit, "the demo has entries with 会議").toBeDefined();
    await db.updateTable("search_entries").set({ title: "SQLで直した会議の題" }).where("ref_id", "=", hit.refId).execute();
    expect(((await getOnOther(url, clerk.cookie)) as Found).items.find((i) => i.refId === hit.refId)?.title).toBe(
      "SQLで直した会議の題",
    );

    // An entry of a body made members-only by SQL: a town on its roll finds it, and no longer once its term ends.
    const members = await db
      .selectFrom("search_entries as e")
      .innerJoin("body_members as m", "m.body_id", "e.scope_id")
      .innerJoin("users as u", "u.org_id", "m.org_id")
      .select(["e.title", "e.scope_id", "m.org_id", "u.email"])
      .where("e.scope_type", "=", "body")
      .where("u.role", "=", "municipal")
      .where("m.term_end", "is", null)
      .orderBy("e.seq")
      .executeTakeFirst();
    expect(members, "the demo has an entry of a body with a town on its roll").toBeDefined();
    await db.updateTable("bodies").set({ visibility: "members" }).where("id", "=", members!.scope_id!).execute();
    const town = await env.as(members!.email);
    const titleUrl = `/api/search?q=${encodeURIComponent(members!.title.slice(0, 4))}`;
    const titles = async () => ((await getOnOther(titleUrl, town.cookie)) as Found).items.map((i) => i.title);
    expect(await titles()).toContain(members!.title);
    expect(await titles()).toContain(members!.title);
    await db
      .updateTable("body_members")
      .set({ term_end: "2000-03-31" })
      .where("body_id", "=", members!.scope_id!)
      .where("org_id", "=", members!.org_id!)
      .execute();
    expect(await titles()).not.toContain(members!.title);
    await db
      .updateTable("body_members")
      .set({ term_end: null })
      .where("body_id", "=", members!.scope_id!)
      .where("org_id", "=", members!.org_id!)
      .execute();
    await db.updateTable("bodies").set({ visibility: "all" }).where("id", "=", members!.scope_id!).execute();
  });
});

// A signed-in GET reuses its session's row while nothing the row reads has been written since it was read
// (Database.changeMark). A sign-out, a disabled account or a changed name counts at the next request: at once
// on SQLite and on the instance that made it; on another PostgreSQL instance when the change's notification
// arrives, about a millisecond after the commit (under test a kept row is compared with the database, and a
// difference waits for the notification; change-mark.db.test.ts tests the mark itself).
describe("sessions across instances", () => {
  /** A new session of `email`, signed in on `app` (not the harness's shared one, since these tests end it). */
  const signIn = async (app: App, email: string) => {
    const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    return { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join("; "), csrf: res.json().csrfToken as string };
  };
  const me = (app: App, cookie: string) => app.inject({ method: "GET", url: "/api/me", headers: { cookie } });
  type Session = Awaited<ReturnType<typeof signIn>>;
  const write = (app: App, s: Session, method: "POST" | "PATCH", url: string, payload?: object) =>
    app.inject({ method, url, payload, headers: { cookie: s.cookie, "x-csrf-token": s.csrf } });

  it("a sign-out on one instance ends the session on the other at once", async () => {
    const s = await signIn(env.app, "yamaguchi2@example.jp");
    expect((await me(other.app, s.cookie)).statusCode).toBe(200);
    expect((await me(other.app, s.cookie)).statusCode).toBe(200);
    expect((await write(env.app, s, "POST", "/api/auth/logout")).statusCode).toBe(200);
    expect((await me(other.app, s.cookie)).statusCode).toBe(401);
  });

  it("an account disabled by SQL is refused at its next request", async () => {
    const s = await signIn(other.app, "abu2@example.jp");
    expect((await me(other.app, s.cookie)).json().user.email).toBe("abu2@example.jp");
    expect((await me(other.app, s.cookie)).statusCode).toBe(200);
    await env.database.db.updateTable("users").set({ status: "disabled" }).where("email", "=", "abu2@example.jp").execute();
    expect((await me(other.app, s.cookie)).statusCode).toBe(401);
    await env.database.db.updateTable("users").set({ status: "active" }).where("email", "=", "abu2@example.jp").execute();
    expect((await me(other.app, s.cookie)).statusCode).toBe(200);
  });

  it("a change made through the same instance shows at its next request, and so does its own sign-out", async () => {
    const s = await signIn(other.app, "mine@example.jp");
    const before = (await me(other.app, s.cookie)).json().user.name as string;
    expect((await me(other.app, s.cookie)).json().user.name).toBe(before);
    expect((await write(other.app, s, "PATCH", "/api/me", { name: `${before}（改）` })).statusCode).toBe(200);
    expect((await me(other.app, s.cookie)).json().user.name).toBe(`${before}（改）`);
    expect((await write(other.app, s, "POST", "/api/auth/logout")).statusCode).toBe(200);
    expect((await me(other.app, s.cookie)).statusCode).toBe(401);
  });
});
