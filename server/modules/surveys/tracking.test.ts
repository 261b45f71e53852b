import { beforeAll, describe, expect, it } from "vitest";
import { addBusinessDays } from "../../../shared/dates/calendar.js";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { deadlineDateOf } from "./access.js";
import { sampleAnswer } from "./fixtures.js";
import { sendDueReminders } from "./reminders.js";
import { publishedSurvey } from "./test-helpers.js";

let env: TestEnv;
let survey: { id: string; deadlineAt: string };
const org = (name: string) => env.demo.orgs[name]!;

beforeAll(async () => {
  env = await testEnv();
  survey = await publishedSurvey(env);
  const abu = await env.as("abu@example.jp");
  await abu.post(`/api/surveys/${survey.id}/answers/${org("阿武町")}/submit`, { version: 0, data: sampleAnswer() });
  const mine = await env.as("mine@example.jp");
  await mine.put(`/api/surveys/${survey.id}/answers/${org("美祢市")}`, { version: 0, data: { dept: "企画政策課" } });
});

const remindersOf = (surveyId: string, orgId: string) =>
  env.database.db
    .selectFrom("survey_reminders")
    .selectAll()
    .where("survey_id", "=", surveyId)
    .where("org_id", "=", orgId)
    .execute();

describe("status board", () => {
  it("401 / 403 / 404", async () => {
    expect((await env.anon.get(`/api/surveys/${survey.id}/status`)).status).toBe(401);
    expect((await (await env.as("abu@example.jp")).get(`/api/surveys/${survey.id}/status`)).status).toBe(403);
    expect((await (await env.as("abu@example.jp")).post(`/api/surveys/${survey.id}/remind`, {})).status).toBe(403);
    const rpa = await publishedSurvey(env, { title: "RPA", targetMode: "body", targetBodyId: env.demo.bodies.wgRpa });
    expect((await (await env.as("kaminoseki@example.jp")).get(`/api/surveys/${rpa.id}/status`)).status).toBe(404);
  });

  it("shows submitted / draft / not started per municipality with who and when", async () => {
    const sec = await env.as("secretariat@example.jp");
    const res = await sec.get(`/api/surveys/${survey.id}/status`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(19);
    expect(res.body.counts).toEqual({ not_started: 17, draft: 1, submitted: 1, returned: 0 });
    const abu = res.body.items.find((r: { org: { name: string } }) => r.org.name === "阿武町");
    expect(abu).toMatchObject({ status: "submitted", submittedBy: { name: "阿武 由美" }, late: false });
    expect(abu.lastActivityAt).not.toBeNull();
    const mine = res.body.items.find((r: { org: { name: string } }) => r.org.name === "美祢市");
    expect(mine).toMatchObject({ status: "draft", updatedBy: { name: "秋芳 美穂" }, submittedAt: null });
    // Local-government-code order, as every official list.
    expect(res.body.items[0].org.name).toBe("下関市");
  });
});

describe("reminders", () => {
  it("reminds the late ones in bulk, with an audit row, never the ones who submitted", async () => {
    const sec = await env.as("secretariat@example.jp");
    const res = await sec.post(`/api/surveys/${survey.id}/remind`, {});
    expect(res.status).toBe(200);
    expect(res.body.reminded).toBe(18);
    expect(JSON.parse((await lastAudit(env, "survey.remind"))!.changes!).orgIds).toHaveLength(18);
    expect(await remindersOf(survey.id, org("阿武町"))).toHaveLength(0);
    expect(await remindersOf(survey.id, org("美祢市"))).toHaveLength(1);
    const note = await env.database.db
      .selectFrom("notifications")
      .select("title")
      .where("user_id", "=", env.demo.users["mine@example.jp"]!)
      .where("title", "like", "【回答のお願い】%")
      .executeTakeFirst();
    expect(note).toBeDefined();
    const board = await sec.get(`/api/surveys/${survey.id}/status`);
    expect(board.body.items.find((r: { org: { name: string } }) => r.org.name === "美祢市").lastRemindedAt).not.toBeNull();
  });

  it("sends the automatic reminder N business days before the deadline and on the day, once each", async () => {
    const s = await publishedSurvey(env, { title: "自動督促", remindDaysBefore: 3, remindOnDay: true });
    const deadlineDate = deadlineDateOf(s.deadlineAt)!;
    const before = addBusinessDays(deadlineDate, -3);
    const at = (ymd: string) => new Date(`${ymd}T09:00:00+09:00`);
    // The day before the "before" reminder: nothing due.
    expect(await sendDueReminders(env.ctx, at(addBusinessDays(before, -1)))).toBe(0);
    const first = await sendDueReminders(env.ctx, at(before));
    expect(first).toBeGreaterThanOrEqual(19);
    expect((await remindersOf(s.id, org("周南市"))).map((r) => r.key)).toEqual([`before:${before}`]);
    // Running again the same day (another instance, a retry) sends nothing new.
    const again = await sendDueReminders(env.ctx, at(before));
    expect(again).toBe(0);
    await sendDueReminders(env.ctx, at(deadlineDate));
    expect((await remindersOf(s.id, org("周南市"))).map((r) => r.kind).sort()).toEqual(["before", "day"]);
    expect((await lastAudit(env, "survey.autoRemind"))?.subject_id).toBe(s.id);
  });

  it("skips organisations that submitted, and follows an organisation's extension", async () => {
    const s = await publishedSurvey(env, { title: "延長と督促", remindDaysBefore: 2, remindOnDay: true });
    const abu = await env.as("abu@example.jp");
    await abu.post(`/api/surveys/${s.id}/answers/${org("阿武町")}/submit`, { version: 0, data: sampleAnswer() });
    const sec = await env.as("secretariat@example.jp");
    const extended = addBusinessDays(deadlineDateOf(s.deadlineAt)!, 5);
    await sec.put(`/api/surveys/${s.id}/extensions/${org("萩市")}`, { until: `${extended}T17:00:00+09:00` });
    await sendDueReminders(env.ctx, new Date(`${deadlineDateOf(s.deadlineAt)}T09:00:00+09:00`));
    expect(await remindersOf(s.id, org("阿武町"))).toHaveLength(0);
    expect(await remindersOf(s.id, org("萩市"))).toHaveLength(0);
    expect((await remindersOf(s.id, org("周南市"))).map((r) => r.kind)).toEqual(["day"]);
    await sendDueReminders(env.ctx, new Date(`${extended}T09:00:00+09:00`));
    expect((await remindersOf(s.id, org("萩市"))).map((r) => r.kind)).toEqual(["day"]);
  });

  it("schedules the daily reminder run through the job queue", async () => {
    await env.worker.runOnce();
    const job = await env.database.db
      .selectFrom("jobs")
      .select(["run_at", "status"])
      .where("kind", "=", "surveys.reminders")
      .executeTakeFirst();
    expect(job?.status).toBe("queued");
    // 09:00 Japan time is 00:00 UTC.
    expect(job?.run_at.slice(11, 16)).toBe("00:00");
  });
});
