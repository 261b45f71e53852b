import { beforeAll, describe, expect, it } from "vitest";
import { jstDate } from "../../../shared/dates/jst.js";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";

let env: TestEnv;
let kami: string;
let shunan: string;
const month = jstDate().slice(0, 7);
const base = {
  category: "standardisation",
  subject: "電話で受けた標準化の相談",
  body: "上関町の担当者から電話。移行計画の相談。",
};

const count = async () =>
  Number(
    (
      await env.database.db
        .selectFrom("consultations")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  env = await testEnv();
  kami = env.demo.orgs["上関町"]!;
  shunan = env.demo.orgs["周南市"]!;
});

describe("desk intake on a town's behalf", () => {
  it("lets a specialist file a phoned-in consultation for 上関町, which the town sees as its own", async () => {
    const spec = await env.as("specialist@example.jp");
    const askerUserId = env.demo.users["kaminoseki@example.jp"]!;
    const res = await spec.post("/api/consultations", { ...base, orgId: kami, channel: "phone", askerUserId });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      org: { id: kami, name: "上関町" },
      channel: "phone",
      asker: { userId: askerUserId },
      createdBy: { id: env.demo.users["specialist@example.jp"] },
    });
    expect(res.body.asker.name).not.toBe("");
    const audit = await lastAudit(env, "consultation.create");
    expect(audit?.subject_id).toBe(res.body.id);
    expect(audit?.actor_user_id).toBe(env.demo.users["specialist@example.jp"]);
    expect(JSON.parse(audit!.changes!)).toMatchObject({ orgId: kami, channel: "phone" });

    const town = await env.as("kaminoseki@example.jp");
    const list = await town.get("/api/consultations");
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(res.body.id);
    const detail = await town.get(`/api/consultations/${res.body.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.abilities.canReply).toBe(true);
    const inbox = await town.get("/api/notifications");
    expect(inbox.body.items.some((n: { link: string }) => n.link === `/consultations/${res.body.id}`)).toBe(true);
    const other = await env.as("shunan@example.jp");
    expect((await other.get(`/api/consultations/${res.body.id}`)).status).toBe(404);
  });

  it("lets the secretariat file a mailed-in one with only the asker's name", async () => {
    const sec = await env.as("secretariat@example.jp");
    const res = await sec.post("/api/consultations", {
      ...base,
      orgId: shunan,
      channel: "mail",
      askerName: "周南市 情報政策課 山田",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      org: { id: shunan },
      channel: "mail",
      asker: { name: "周南市 情報政策課 山田", userId: null },
    });
  });

  it("keeps a town's own filing on the portal channel", async () => {
    const town = await env.as("kaminoseki@example.jp");
    const own = await town.post("/api/consultations", { ...base, orgId: kami });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ org: { id: kami }, channel: "portal", asker: null });
  });

  it("refuses a town filing for another town (403) or naming a channel (400), and stores nothing", async () => {
    const town = await env.as("kaminoseki@example.jp");
    const before = await count();
    const other = await town.post("/api/consultations", { ...base, orgId: shunan });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toContain("他の団体");
    const phone = await town.post("/api/consultations", { ...base, channel: "phone" });
    expect(phone.status).toBe(400);
    expect(phone.body.error.details.issues[0].path).toBe("channel");
    expect(await count()).toBe(before);
  });

  it("refuses bad staff input next to the field, and stores nothing", async () => {
    const spec = await env.as("specialist@example.jp");
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ channel: "phone", askerName: "山田" }, "orgId"], // no town
      [{ orgId: kami, channel: "fax", askerName: "山田" }, "channel"], // unknown channel
      [{ orgId: kami, askerName: "山田" }, "channel"], // staff cannot file "portal"
      [{ orgId: kami, channel: "phone" }, "askerName"], // nobody asked
      [{ orgId: env.demo.orgs["山口県"], channel: "phone", askerName: "山田" }, "orgId"], // not a municipality
      [{ orgId: crypto.randomUUID(), channel: "phone", askerName: "山田" }, "orgId"], // unknown org
      [{ orgId: shunan, channel: "phone", askerUserId: env.demo.users["kaminoseki@example.jp"] }, "askerUserId"], // user of another town
    ];
    for (const [extra, path] of cases) {
      const res = await spec.post("/api/consultations", { ...base, ...extra });
      expect([JSON.stringify(extra), res.status]).toEqual([JSON.stringify(extra), 400]);
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
      expect(res.body.error.message).not.toBe("");
    }
    expect(await count()).toBe(before);
  });

  it("answers 401 signed out and 403 to an observer and to the system administrator", async () => {
    expect((await env.anon.post("/api/consultations", { ...base, orgId: kami, channel: "phone", askerName: "x" })).status).toBe(
      401,
    );
    for (const email of ["observer@example.jp", "admin@example.jp"]) {
      const c = await env.as(email);
      expect((await c.post("/api/consultations", { ...base, orgId: kami, channel: "phone", askerName: "x" })).status).toBe(403);
    }
  });

  it("counts channels in the desk report and its export", async () => {
    const sec = await env.as("secretariat@example.jp");
    const r = await sec.get(`/api/consultations/reports?from=${month}&to=${month}`);
    expect(r.status).toBe(200);
    expect(r.body.totals.byChannel).toMatchObject({ portal: 1, phone: 1, mail: 1, visit: 0, meeting: 0 });
    expect(r.body.byMonthChannel[0]).toMatchObject({ month, counts: { portal: 1, phone: 1, mail: 1 } });
    const csv = await sec.get(`/api/consultations/reports/export?from=${month}&to=${month}&format=csv`);
    expect(csv.text).toContain("電話");
    expect(csv.text).toContain(`${month},1,1,1,0,0,3`);
  });
});
