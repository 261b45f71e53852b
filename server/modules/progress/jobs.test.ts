import { beforeAll, describe, expect, it } from "vitest";
import { auditMark, auditSince, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { nextMondayMorning, sendOverdueReminders, sendWeeklySummary } from "./jobs.js";
import { progressIds } from "./test-support.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

const notes = (email: string) =>
  env.database.db
    .selectFrom("notifications")
    .selectAll()
    .where("user_id", "=", env.demo.users[email]!)
    .where("category", "=", "progress")
    .orderBy("created_at", "desc")
    .execute();

describe("progress reminders and weekly summary", () => {
  it("reminds a municipality once per planned date that passed without completion", async () => {
    const mark = await auditMark(env);
    const sent = await sendOverdueReminders(env.ctx);
    expect(sent).toBeGreaterThan(0);
    const kaminoseki = await notes("kaminoseki@example.jp");
    expect(kaminoseki).toHaveLength(1);
    expect(kaminoseki[0]!.title).toMatch(/予定日を過ぎた取組が\d+件あります/);
    expect(kaminoseki[0]!.link).toBe(`/progress/orgs/${env.demo.orgs.上関町}`);
    expect(await notes("shunan@example.jp")).toHaveLength(0); // 周南市 is on plan
    const reminded = await auditSince(env, mark, "progress.remind");
    expect(reminded).toHaveLength(sent);
    expect(reminded).toContainEqual({
      actor: null,
      subject: { type: "org", id: env.demo.orgs.上関町 },
      changes: { steps: expect.any(Number) },
    });
    expect(reminded.map((r) => r.subject.id)).not.toContain(env.demo.orgs.周南市);
    // The same planned dates are not reminded twice…
    await sendOverdueReminders(env.ctx);
    expect(await notes("kaminoseki@example.jp")).toHaveLength(1);
    // …but a new planned date that passes is.
    const ids = await progressIds(env);
    const item = await ids.item("standardisation", "01");
    const [step] = await ids.steps(item);
    const rec = await env.database.db
      .selectFrom("progress_records")
      .select("id")
      .where("org_id", "=", env.demo.orgs.上関町!)
      .where("item_id", "=", item)
      .executeTakeFirstOrThrow();
    await env.database.db
      .updateTable("progress_step_states")
      .set({ status: "in_progress", planned_date: "2026-01-05" })
      .where("record_id", "=", rec.id)
      .where("step_id", "=", step!)
      .execute();
    await sendOverdueReminders(env.ctx);
    expect(await notes("kaminoseki@example.jp")).toHaveLength(2);
  });

  it("sends the secretariat a weekly summary of what changed", async () => {
    const abu = await env.as("abu@example.jp");
    const ids = await progressIds(env);
    const item = await ids.item("standardisation", "19");
    const res = await abu.patch(`/api/progress/records/${env.demo.orgs.阿武町}/${item}`, {
      exception: { flagged: true, reason: "データ移行に時間を要するため", revisedTarget: "2029-03-31" },
    });
    expect(res.status).toBe(200);
    expect(await sendWeeklySummary(env.ctx)).toBe(1);
    const [summary] = await notes("secretariat@example.jp");
    expect(summary!.title).toMatch(/^取組状況 週次まとめ/);
    expect(summary!.body).toContain("阿武町");
    expect((await notes("abu@example.jp")).some((n) => n.title.startsWith("取組状況 週次まとめ"))).toBe(false);
  });

  it("schedules the summary on Monday mornings in Japan", () => {
    const at = nextMondayMorning(new Date("2026-11-24T08:00:00Z")); // a Tuesday
    expect(at.toISOString()).toBe("2026-11-30T00:00:00.000Z"); // Monday 09:00 JST
  });
});
