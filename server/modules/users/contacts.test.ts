import { beforeAll, describe, expect, it } from "vitest";
import { auditMark, auditSince, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { makeMeeting } from "../meetings/test-support.js";

/** Issue 15, deliverable 8: a person's 所属 and 役職, who may edit them, and where they are shown. */
let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

const id = (email: string) => env.demo.users[email]!;
const contactOf = (email: string) =>
  env.database.db.selectFrom("users").select(["department", "title"]).where("id", "=", id(email)).executeTakeFirstOrThrow();

describe("a person's 所属 and 役職", () => {
  it("the organisation's administrator edits a colleague's; one exact audit row; an unchanged save writes none", async () => {
    const abu = await env.as("abu@example.jp");
    const mark = await auditMark(env);
    const res = await abu.patch(`/api/users/${id("abu2@example.jp")}/contact`, {
      department: "  総務課 情報推進係 ",
      title: "主査",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ department: "総務課 情報推進係", title: "主査" });
    expect(await contactOf("abu2@example.jp")).toEqual({ department: "総務課 情報推進係", title: "主査" });
    expect(await auditSince(env, mark, "user.contact.update")).toEqual([
      {
        actor: id("abu@example.jp"),
        subject: { type: "user", id: id("abu2@example.jp") },
        changes: { department: ["", "総務課 情報推進係"], title: ["", "主査"] },
      },
    ]);
    const again = await abu.patch(`/api/users/${id("abu2@example.jp")}/contact`, {
      department: "総務課 情報推進係",
      title: "主査",
    });
    expect(again.status).toBe(200);
    expect(await auditSince(env, mark, "user.contact.update")).toHaveLength(1);
  });

  it("a person edits their own; the secretariat edits prefecture staff", async () => {
    const abu2 = await env.as("abu2@example.jp");
    const own = await abu2.patch(`/api/users/${id("abu2@example.jp")}/contact`, { department: "総務課", title: "主任" });
    expect(own.status).toBe(200);
    expect(own.body.abilities.canEditContact).toBe(true);
    const sec = await env.as("secretariat@example.jp");
    const mark = await auditMark(env);
    const spec = await sec.patch(`/api/users/${id("specialist@example.jp")}/contact`, {
      department: "デジタル推進局 市町DX支援班",
      title: "専門人材",
    });
    expect(spec.status).toBe(200);
    expect(await auditSince(env, mark, "user.contact.update")).toEqual([
      {
        actor: id("secretariat@example.jp"),
        subject: { type: "user", id: id("specialist@example.jp") },
        changes: { department: ["", "デジタル推進局 市町DX支援班"], title: ["", "専門人材"] },
      },
    ]);
  });

  it("401 signed out; 403 for a plain member and for the secretariat on a town's clerk; 404 across organisations", async () => {
    const target = `/api/users/${id("abu2@example.jp")}/contact`;
    const body = { department: "改ざん", title: "改ざん" };
    const before = await contactOf("abu2@example.jp");
    const mark = await auditMark(env);
    expect((await env.anon.patch(target, body)).status).toBe(401);
    // A plain member of the same organisation sees a colleague but may not edit them.
    const plain = await (await env.as("yamaguchi2@example.jp")).patch(`/api/users/${id("yamaguchi@example.jp")}/contact`, body);
    expect(plain.status).toBe(403);
    // The secretariat sees every account but edits prefecture staff only.
    expect((await (await env.as("secretariat@example.jp")).patch(target, body)).status).toBe(403);
    // A specialist is prefecture staff without the secretariat's say over colleagues.
    const specialist = await env.as("specialist@example.jp");
    expect((await specialist.patch(`/api/users/${id("secretariat@example.jp")}/contact`, body)).status).toBe(403);
    // Another organisation's administrator: that person is not theirs to see at all.
    const shunan = await (await env.as("shunan@example.jp")).patch(target, body);
    expect(shunan.status).toBe(404);
    expect((await (await env.as("abu@example.jp")).patch(`/api/users/${crypto.randomUUID()}/contact`, body)).status).toBe(404);
    expect(await contactOf("abu2@example.jp")).toEqual(before);
    expect(await auditSince(env, mark, "user.contact.update")).toEqual([]);
  });

  it("refuses over-long text and control characters with a message naming the field; nothing is stored", async () => {
    const abu = await env.as("abu@example.jp");
    const target = `/api/users/${id("abu2@example.jp")}/contact`;
    const before = await contactOf("abu2@example.jp");
    const long = await abu.patch(target, { department: "課".repeat(101), title: "主査" });
    expect(long.status).toBe(400);
    expect(long.body.error.details.issues).toEqual([{ path: "department", message: "所属は100文字以内にしてください" }]);
    const control = await abu.patch(target, { department: "総務課", title: "主査\n（兼）係長" });
    expect(control.status).toBe(400);
    expect(control.body.error.details.issues).toEqual([{ path: "title", message: "役職に改行や制御文字は使えません" }]);
    expect((await abu.patch(target, { department: "総務課" })).status).toBe(400);
    expect(await contactOf("abu2@example.jp")).toEqual(before);
  });

  it("shows on the body's members, the meeting's attendance and the desk (who asked, who answers)", async () => {
    const abu = await env.as("abu@example.jp");
    await abu.patch(`/api/users/${id("abu@example.jp")}/contact`, { department: "総務課", title: "課長補佐" });
    const sec = await env.as("secretariat@example.jp");
    await sec.patch(`/api/users/${id("specialist@example.jp")}/contact`, { department: "デジタル推進課", title: "主任専門員" });

    // Members: a person member carries their own 所属・役職.
    const member = await sec.post(`/api/bodies/${env.demo.bodies.council}/members`, {
      userId: id("abu@example.jp"),
      position: "member",
    });
    expect(member.status).toBe(201);
    const body = await abu.get(`/api/bodies/${env.demo.bodies.council}`);
    const row = body.body.members.find((m: { user: { id: string } | null }) => m.user?.id === id("abu@example.jp"));
    expect(row.contact).toMatchObject({ department: "総務課", title: "課長補佐" });

    // Attendance: the person who answered for the town.
    const m = await makeMeeting(env, env.demo.bodies.council);
    await sec.post(`/api/meetings/${m.id}/announce`);
    const abuOrg = env.demo.orgs.阿武町!;
    const answered = await abu.put(`/api/meetings/${m.id}/attendance/${abuOrg}`, { mode: "online", attendees: ["阿武 由美"] });
    expect(answered.status).toBe(200);
    const att = answered.body.items.find((i: { org: { id: string } }) => i.org.id === abuOrg);
    expect(att).toMatchObject({ answeredBy: "阿武 由美", contact: { department: "総務課", title: "課長補佐" } });

    // The desk: the town's asker and the prefecture's specialist who answers.
    const filed = await abu.postForm("/api/consultations", { category: "other", subject: "連絡先の確認", body: "本文" }, []);
    expect(filed.status).toBe(201);
    expect(filed.body.contacts.asker).toMatchObject({ department: "総務課", title: "課長補佐" });
    expect(filed.body.contacts.assignee).toBeNull();
    const spec = await env.as("specialist@example.jp");
    expect(
      (await spec.post(`/api/consultations/${filed.body.id}/assign`, { assigneeId: id("specialist@example.jp") })).status,
    ).toBe(200);
    const detail = await abu.get(`/api/consultations/${filed.body.id}`);
    expect(detail.body.contacts.assignee).toMatchObject({ department: "デジタル推進課", title: "主任専門員" });
  });

  it("the bulk file carries 所属・役職 both ways and refuses what the form refuses", async () => {
    const abu = await env.as("abu@example.jp");
    const csv = (rows: string[]) =>
      abu.postForm("/api/users/import", { dryRun: "false" }, [
        {
          name: "users.csv",
          type: "text/csv",
          data: Buffer.from(["団体コード,氏名,メールアドレス,所属,役職", ...rows].join("\r\n")),
        },
      ]);
    const bad = await csv([`355020,宇田 郷,uta@example.jp,総務課,"主査${"\u0007"}"`]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues).toEqual([
      { path: "E2", row: 2, column: "E（役職）", message: "役職に改行や制御文字は使えません" },
    ]);
    const good = await csv(["355020,宇田 郷,uta@example.jp, 総務課 ,係長"]);
    expect(good.status).toBe(200);
    expect(good.body.issues).toEqual([]);
    expect(good.body.created).toBe(1);
    const out = await abu.get("/api/users/export.csv");
    const line = out.text.split("\r\n").find((l: string) => l.includes("uta@example.jp"));
    expect(line).toContain(",総務課,係長,");
  });
});
