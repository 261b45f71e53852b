import { beforeAll, describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { addDays } from "../../../shared/dates/calendar.js";
import { fiscalYearAt, jstInstant, jstToday } from "../../../shared/dates/jst.js";
import { type Client, lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { weekOf } from "./plan-rules.js";

let env: TestEnv;
let sec: Client;
const thisFy = fiscalYearAt();
const nextFy = thisFy + 1;
beforeAll(async () => {
  env = await testEnv();
  sec = await env.as("secretariat@example.jp");
});

const countEntries = async () =>
  Number(
    (
      await env.database.db
        .selectFrom("year_plan_entries")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const entry = (plan: any, title: string) => plan.entries.find((e: { title: string }) => e.title === title);

describe("yearly plan", () => {
  it("lays out a year with clash warnings: closed days and two bodies in one week; milestones too", async () => {
    const b = env.demo.bodies;
    // 5 May is always a national holiday (こどもの日); the Tuesday and Thursday of one week in July.
    const tuesday = addDays(weekOf(`${nextFy}-07-10`), 1);
    const add = (body: Record<string, unknown>) => sec.post(`/api/year-plans/${nextFy}/entries`, body);
    const council = await add({
      type: "meeting",
      bodyId: b.council,
      kind: "hybrid",
      title: "第1回 連携会議",
      startDate: `${nextFy}-06-01`,
      endDate: `${nextFy}-06-30`,
    });
    expect(council.status).toBe(201);
    expect((await lastAudit(env, "yearPlan.create"))?.actor_user_id).toBe(env.demo.users["secretariat@example.jp"]);
    await add({ type: "meeting", bodyId: b.wgStandard, title: "標準化WG 第1回", startDate: tuesday, endDate: tuesday });
    await add({
      type: "meeting",
      bodyId: b.wgOnline,
      title: "オンライン化WG 第1回",
      startDate: addDays(tuesday, 2),
      endDate: addDays(tuesday, 2),
    });
    await add({
      type: "meeting",
      bodyId: b.divide,
      title: "部会 祝日",
      startDate: `${nextFy}-05-05`,
      endDate: `${nextFy}-05-05`,
    });
    await add({
      type: "meeting",
      bodyId: b.divide,
      title: "部会 年末",
      startDate: `${nextFy}-12-29`,
      endDate: `${nextFy + 1}-01-03`,
    });
    await add({
      type: "meeting",
      bodyId: b.wgRpa,
      title: "RPA WG 秘密の予定",
      startDate: `${nextFy}-09-01`,
      endDate: `${nextFy}-09-30`,
    });
    const ms = await add({
      type: "milestone",
      title: "国の概算要求締切",
      startDate: `${nextFy}-08-31`,
      endDate: `${nextFy}-08-31`,
    });
    expect(ms.status).toBe(201);

    const plan = ms.body;
    expect(plan.label).toMatch(/^令和\d+年度$/);
    expect(entry(plan, "標準化WG 第1回").warnings).toEqual([{ code: "sameWeek", detail: "行政手続オンライン化WG" }]);
    expect(entry(plan, "オンライン化WG 第1回").warnings).toEqual([
      { code: "sameWeek", detail: "情報システムの標準化・共通化WG" },
    ]);
    expect(entry(plan, "部会 祝日").warnings).toEqual([{ code: "closed", detail: "祝日（こどもの日）" }]);
    expect(entry(plan, "部会 年末").warnings[0].code).toBe("closed");
    expect(entry(plan, "第1回 連携会議").warnings).toEqual([]);
    expect(entry(plan, "第1回 連携会議").outcome).toBe("planned");
    expect(entry(plan, "国の概算要求締切")).toMatchObject({ type: "milestone", bodyId: null, outcome: null });
    expect(plan.abilities).toEqual({ canEditMilestones: true, canCopy: true });

    // A town sees the plan of the bodies it may see, and edits nothing.
    const kaminoseki = await env.as("kaminoseki@example.jp");
    const seen = (await kaminoseki.get(`/api/year-plans/${nextFy}`)).body;
    expect(entry(seen, "RPA WG 秘密の予定")).toBeUndefined();
    expect(JSON.stringify(seen)).not.toContain("RPA等共同利用WG");
    expect(entry(seen, "第1回 連携会議").abilities.canEdit).toBe(false);
    expect(seen.abilities).toEqual({ canEditMilestones: false, canCopy: false });
  });

  it("401 without a session, 403 for a town, 404 for an entry of a body the town cannot see", async () => {
    const b = env.demo.bodies;
    const body = { type: "meeting", bodyId: b.council, title: "x", startDate: `${nextFy}-10-01`, endDate: `${nextFy}-10-31` };
    expect((await env.anon.get(`/api/year-plans/${nextFy}`)).status).toBe(401);
    expect((await env.anon.post(`/api/year-plans/${nextFy}/entries`, body)).status).toBe(401);
    expect((await env.anon.post(`/api/year-plans/${nextFy}/copy-previous`)).status).toBe(401);
    const abu = await env.as("abu@example.jp");
    const before = await countEntries();
    expect((await abu.post(`/api/year-plans/${nextFy}/entries`, body)).status).toBe(403);
    expect((await abu.post(`/api/year-plans/${nextFy}/entries`, { ...body, type: "milestone", bodyId: null })).status).toBe(403);
    expect((await abu.post(`/api/year-plans/${nextFy + 1}/copy-previous`)).status).toBe(403);
    const council = entry((await sec.get(`/api/year-plans/${nextFy}`)).body, "第1回 連携会議");
    expect((await abu.patch(`/api/year-plan-entries/${council.id}`, { title: "y" })).status).toBe(403);
    expect((await abu.delete(`/api/year-plan-entries/${council.id}`)).status).toBe(403);

    const rpa = entry((await sec.get(`/api/year-plans/${nextFy}`)).body, "RPA WG 秘密の予定");
    const kaminoseki = await env.as("kaminoseki@example.jp");
    expect((await kaminoseki.patch(`/api/year-plan-entries/${rpa.id}`, { title: "y" })).status).toBe(404);
    expect((await kaminoseki.delete(`/api/year-plan-entries/${rpa.id}`)).status).toBe(404);
    expect((await kaminoseki.post(`/api/year-plans/${nextFy}/entries`, { ...body, bodyId: b.wgRpa })).status).toBe(404);
    expect(await countEntries()).toBe(before);
  });

  it("refuses bad windows next to the field and stores nothing", async () => {
    const before = await countEntries();
    const bodyId = env.demo.bodies.council;
    const reversed = await sec.post(`/api/year-plans/${nextFy}/entries`, {
      type: "meeting",
      bodyId,
      title: "逆",
      startDate: `${nextFy}-06-10`,
      endDate: `${nextFy}-06-01`,
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.details.issues[0].path).toBe("endDate");
    const outside = await sec.post(`/api/year-plans/${nextFy}/entries`, {
      type: "meeting",
      bodyId,
      title: "年度外",
      startDate: `${nextFy}-03-10`,
      endDate: `${nextFy}-03-12`,
    });
    expect(outside.status).toBe(400);
    expect(outside.body.error.message).toContain("年度");
    expect(outside.body.error.details.issues[0].path).toBe("startDate");
    const noBody = await sec.post(`/api/year-plans/${nextFy}/entries`, {
      type: "meeting",
      title: "会議体なし",
      startDate: `${nextFy}-06-01`,
      endDate: `${nextFy}-06-01`,
    });
    expect(noBody.status).toBe(400);
    expect(noBody.body.error.details.issues[0].path).toBe("bodyId");
    const council = entry((await sec.get(`/api/year-plans/${nextFy}`)).body, "第1回 連携会議");
    const moved = await sec.patch(`/api/year-plan-entries/${council.id}`, { endDate: `${nextFy + 1}-04-02` });
    expect(moved.status).toBe(400);
    expect(await countEntries()).toBe(before);
    expect(entry((await sec.get(`/api/year-plans/${nextFy}`)).body, "第1回 連携会議").endDate).toBe(`${nextFy}-06-30`);
  });

  it("shows planned against held and the meetings held outside the plan", async () => {
    const b = env.demo.bodies;
    const add = (body: Record<string, unknown>) => sec.post(`/api/year-plans/${thisFy}/entries`, body);
    await add({ type: "meeting", bodyId: b.divide, title: "部会 4月", startDate: `${thisFy}-04-01`, endDate: `${thisFy}-04-30` });
    await add({ type: "meeting", bodyId: b.divide, title: "部会 5月", startDate: `${thisFy}-05-01`, endDate: `${thisFy}-05-31` });
    const at = (ymd: string, hm: string) => jstInstant(ymd, hm).toISOString();
    const make = async (bodyId: string, ymd: string) => {
      const res = await sec.post("/api/meetings", {
        bodyId,
        kind: "online",
        startsAt: at(ymd, "14:00"),
        endsAt: at(ymd, "15:00"),
      });
      expect(res.status).toBe(201);
      return res.body;
    };
    const april = await make(b.divide, `${thisFy}-04-14`);
    await env.ctx.db.updateTable("meetings").set({ status: "held" }).where("id", "=", april.id).execute();
    const outside = await make(b.council, `${thisFy}-04-20`);
    const plan = (await sec.get(`/api/year-plans/${thisFy}`)).body;
    expect(entry(plan, "部会 4月")).toMatchObject({ outcome: "held", meeting: { id: april.id, name: april.name } });
    expect(entry(plan, "部会 5月").outcome).toBe(jstToday() > `${thisFy}-05-31` ? "missed" : "planned");
    expect(plan.unplanned.map((m: { id: string }) => m.id)).toContain(outside.id);
    expect(plan.summary.held).toBe(1);
    // Moving the planned window away from the meeting leaves it unplanned.
    const apr = entry(plan, "部会 4月");
    const moved = (
      await sec.patch(`/api/year-plan-entries/${apr.id}`, { startDate: `${thisFy}-06-01`, endDate: `${thisFy}-06-30` })
    ).body;
    expect(entry(moved, "部会 4月").meeting).toBeNull();
    expect(moved.unplanned.map((m: { id: string }) => m.id)).toContain(april.id);
    expect((await lastAudit(env, "yearPlan.update"))?.subject_id).toBe(apr.id);
    const deleted = await sec.delete(`/api/year-plan-entries/${apr.id}`);
    expect(deleted.status).toBe(200);
    expect(entry(deleted.body, "部会 4月")).toBeUndefined();
    expect((await lastAudit(env, "yearPlan.delete"))?.subject_id).toBe(apr.id);
  });

  it("copies last year's plan into an empty year: months stay months, days keep their weekday", async () => {
    const res = await sec.post(`/api/year-plans/${nextFy + 1}/copy-previous`);
    expect(res.status).toBe(201);
    const source = (await sec.get(`/api/year-plans/${nextFy}`)).body;
    expect(res.body.copied).toBe(source.entries.length);
    expect((await lastAudit(env, "yearPlan.copy"))?.subject_id).toBe(String(nextFy + 1));
    const copy = (await sec.get(`/api/year-plans/${nextFy + 1}`)).body;
    expect(entry(copy, "第1回 連携会議")).toMatchObject({ startDate: `${nextFy + 1}-06-01`, endDate: `${nextFy + 1}-06-30` });
    const wg = entry(copy, "標準化WG 第1回");
    const was = entry(source, "標準化WG 第1回");
    expect(new Date(wg.startDate).getUTCDay()).toBe(new Date(was.startDate).getUTCDay());
    expect(wg.startDate.slice(0, 4)).toBe(String(nextFy + 1));
    expect(entry(copy, "国の概算要求締切").type).toBe("milestone");
    const again = await sec.post(`/api/year-plans/${nextFy + 1}/copy-previous`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain("すでに予定があります");
    const empty = await sec.post(`/api/year-plans/${nextFy + 5}/copy-previous`);
    expect(empty.status).toBe(409);
  });

  it("exports the plan as a workbook with real dates, without bodies the reader cannot see", async () => {
    const get = async (c: Client) => {
      const res = await env.app.inject({
        method: "GET",
        url: `/api/year-plans/${nextFy}/plan.xlsx`,
        headers: { cookie: c.cookie },
      });
      return { status: res.statusCode, bytes: res.rawPayload, headers: res.headers };
    };
    const res = await get(sec);
    expect(res.status).toBe(200);
    expect(String(res.headers["content-disposition"])).toContain(encodeURIComponent("年間計画"));
    const wb = XLSX.read(res.bytes, { type: "buffer", cellDates: true });
    const rows = XLSX.utils.sheet_to_json(wb.Sheets["年間計画"]!, { header: 1, raw: true }) as unknown[][];
    expect(String(rows[0]![0])).toContain("年間計画");
    expect(rows[1]).toEqual(["会議体", "種類", "目的・名称", "開始日", "終了日", "開催形式", "実績", "会議", "開催日時", "注意"]);
    const holiday = rows.find((r) => r[2] === "部会 祝日")!;
    expect(holiday[3]).toBeInstanceOf(Date);
    expect((holiday[3] as Date).toISOString().slice(0, 10)).toBe(`${nextFy}-05-05`);
    expect(holiday[9]).toBe("閉庁日（祝日（こどもの日））");
    expect(rows.some((r) => r[2] === "RPA WG 秘密の予定")).toBe(true);
    const town = await get(await env.as("kaminoseki@example.jp"));
    const townRows = XLSX.utils.sheet_to_json(XLSX.read(town.bytes, { type: "buffer" }).Sheets["年間計画"]!, {
      header: 1,
    }) as unknown[][];
    expect(townRows.some((r) => r[2] === "RPA WG 秘密の予定")).toBe(false);
    expect((await env.anon.get(`/api/year-plans/${nextFy}/plan.xlsx`)).status).toBe(401);
  });
});
