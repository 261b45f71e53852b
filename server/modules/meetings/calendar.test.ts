import { beforeAll, describe, expect, it } from "vitest";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { makeMeeting } from "./test-support.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

describe("calendar", () => {
  it("serves one meeting as an .ics file (CRLF, UTC times), and denies as the meeting does", async () => {
    const m = await makeMeeting(env, env.demo.bodies.council);
    const abu = await env.as("abu@example.jp");
    const res = await env.app.inject({
      method: "GET",
      url: `/api/meetings/${m.id}/meeting.ics`,
      headers: { cookie: abu.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/calendar");
    expect(res.body).toContain("BEGIN:VEVENT\r\n");
    expect(res.body).toMatch(/DTSTART:\d{8}T\d{6}Z\r\n/);
    expect(res.body.replace(/\r\n /g, "")).toContain(`SUMMARY:${m.name}`);
    expect(res.body).toContain("STATUS:TENTATIVE");
    expect((await env.anon.get(`/api/meetings/${m.id}/meeting.ics`)).status).toBe(401);
    const rpa = await makeMeeting(env, env.demo.bodies.wgRpa);
    const kaminoseki = await env.as("kaminoseki@example.jp");
    expect((await kaminoseki.get(`/api/meetings/${rpa.id}/meeting.ics`)).status).toBe(404);
  });

  it("issues a personal feed URL with a secret token, serves it without a session, and revokes it", async () => {
    const rpa = await makeMeeting(env, env.demo.bodies.wgRpa);
    const open = await makeMeeting(env, env.demo.bodies.council);
    const kaminoseki = await env.as("kaminoseki@example.jp");
    expect((await kaminoseki.get("/api/calendar/feed")).body).toEqual({ active: false });
    expect((await env.anon.post("/api/calendar/feed")).status).toBe(401);
    const created = await kaminoseki.post("/api/calendar/feed");
    expect(created.status).toBe(201);
    expect((await lastAudit(env, "calendar.createFeed"))?.subject_id).toBe(env.demo.users["kaminoseki@example.jp"]);
    const path = new URL(created.body.url).pathname;
    // Only the hash is stored.
    const stored = await env.database.db
      .selectFrom("users")
      .select("calendar_token")
      .where("email", "=", "kaminoseki@example.jp")
      .executeTakeFirst();
    expect(stored?.calendar_token).not.toBe(created.body.token);

    const feed = await env.app.inject({ method: "GET", url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain(`UID:meeting-${open.id}@renkei`);
    expect(feed.body).not.toContain(rpa.id);

    const revoked = await kaminoseki.delete("/api/calendar/feed");
    expect(revoked.body).toEqual({ active: false });
    expect((await lastAudit(env, "calendar.revokeFeed"))?.subject_id).toBe(env.demo.users["kaminoseki@example.jp"]);
    expect((await env.app.inject({ method: "GET", url: path })).statusCode).toBe(404);
    expect(
      (await env.app.inject({ method: "GET", url: "/api/calendar/feed/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics" }))
        .statusCode,
    ).toBe(404);
  });
});
