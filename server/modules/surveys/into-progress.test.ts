import { beforeAll, describe, expect, it } from "vitest";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { sampleAnswer } from "./fixtures.js";
import { publishedSurvey } from "./test-helpers.js";

let env: TestEnv;
let survey: { id: string };
let programmeId: string;
let items: Map<string, string>; // code → id
const org = (name: string) => env.demo.orgs[name]!;

/** The grid's rows sys1…sys20 onto the standardisation programme's items 01…20; status and date onto step 12 (利用開始). */
const mapping = (columns?: unknown[]) => ({
  programmeId,
  grids: [
    {
      questionId: "grid",
      rows: Object.fromEntries([...items].map(([code, id]) => [`sys${Number(code)}`, id])),
      columns: columns ?? [
        {
          columnId: "status",
          target: { kind: "stepStatus", stepCode: "12", values: { done: "done", doing: "in_progress", todo: "not_started" } },
        },
        { columnId: "target", target: { kind: "stepPlannedDate", stepCode: "12" } },
      ],
    },
  ],
  questions: [],
});

const stepState = (orgId: string, code: string) =>
  env.database.db
    .selectFrom("progress_step_states as s")
    .innerJoin("progress_records as r", "r.id", "s.record_id")
    .innerJoin("progress_steps as st", "st.id", "s.step_id")
    .select(["s.status", "s.planned_date"])
    .where("r.org_id", "=", orgId)
    .where("r.item_id", "=", items.get(code)!)
    .where("st.code", "=", "12")
    .executeTakeFirst();

const historyCount = async () =>
  Number(
    (
      await env.database.db
        .selectFrom("progress_history")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  env = await testEnv();
  const p = await env.database.db
    .selectFrom("progress_programmes")
    .select("id")
    .where("code", "=", "standardisation")
    .executeTakeFirstOrThrow();
  programmeId = p.id;
  const rows = await env.database.db
    .selectFrom("progress_items")
    .select(["id", "code"])
    .where("programme_id", "=", programmeId)
    .execute();
  items = new Map(rows.map((r) => [r.code, r.id]));
  survey = await publishedSurvey(env);
  for (const [email, name] of [
    ["abu@example.jp", "阿武町"],
    ["kaminoseki@example.jp", "上関町"],
  ] as const) {
    const c = await env.as(email);
    await c.post(`/api/surveys/${survey.id}/answers/${org(name)}/submit`, { version: 0, data: sampleAnswer() });
  }
});

describe("into progress", () => {
  it("401 / 403 / 404", async () => {
    expect((await env.anon.get(`/api/surveys/${survey.id}/progress-map`)).status).toBe(401);
    const abu = await env.as("abu@example.jp");
    expect((await abu.get(`/api/surveys/${survey.id}/progress-map`)).status).toBe(403);
    expect((await abu.post(`/api/surveys/${survey.id}/progress-map/apply`)).status).toBe(403);
    const rpa = await publishedSurvey(env, { title: "RPA", targetMode: "body", targetBodyId: env.demo.bodies.wgRpa });
    expect((await (await env.as("kaminoseki@example.jp")).get(`/api/surveys/${rpa.id}/progress-map`)).status).toBe(404);
  });

  it("refuses a mapping whose question kind cannot feed the target, next to the field", async () => {
    const sec = await env.as("secretariat@example.jp");
    expect((await sec.post(`/api/surveys/${survey.id}/progress-map/preview`)).status).toBe(409);
    const res = await sec.put(
      `/api/surveys/${survey.id}/progress-map`,
      mapping([{ columnId: "target", target: { kind: "stepStatus", stepCode: "99", values: {} } }]),
    );
    expect(res.status).toBe(400);
    const issues = res.body.error.details.issues;
    expect(issues.map((i: { path: string }) => i.path)).toContain("grids.0.columns.0.target");
    expect(issues.map((i: { message: string }) => i.message).join()).toContain("ステップの状況");
  });

  it("saves the mapping, previews without writing, then applies with history and audit", async () => {
    const sec = await env.as("secretariat@example.jp");
    const saved = await sec.put(`/api/surveys/${survey.id}/progress-map`, mapping());
    expect(saved.status).toBe(200);
    expect(saved.body.mapping.grids[0].columns).toHaveLength(2);
    expect((await lastAudit(env, "survey.mapProgress"))?.subject_id).toBe(survey.id);

    const before = await historyCount();
    const preview = await sec.post(`/api/surveys/${survey.id}/progress-map/preview`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, answers: 2, issues: [] });
    expect(preview.body.applied).toBeGreaterThan(0);
    const abu01 = preview.body.changes.find(
      (c: { org: { name: string }; item: { name: string } }) => c.org.name === "阿武町" && c.item.name === "住民基本台帳",
    );
    expect(abu01.fields.map((f: { label: string }) => f.label)).toContain("標準準拠システムの利用開始・予定日");
    expect(await historyCount()).toBe(before);

    const applied = await sec.post(`/api/surveys/${survey.id}/progress-map/apply`);
    expect(applied.status).toBe(200);
    expect(applied.body.applied).toBe(preview.body.applied);
    expect(await stepState(org("阿武町"), "01")).toMatchObject({ status: "done", planned_date: "2025-12-01" });
    expect(await stepState(org("上関町"), "02")).toMatchObject({ status: "in_progress", planned_date: "2026-03-31" });
    const history = await env.database.db
      .selectFrom("progress_history")
      .select(["source", "note"])
      .where("source", "=", "survey")
      .execute();
    expect(history.length).toBe(applied.body.applied);
    expect(history[0]!.note).toContain("標準化の移行状況に関する照会");
    expect(JSON.parse((await lastAudit(env, "survey.applyProgress"))!.changes!)).toMatchObject({ answers: 2 });
    expect((await sec.get(`/api/surveys/${survey.id}/progress-map`)).body.appliedBy.name).toBe("県 事務局 担当");

    // Applying again changes nothing.
    const again = await sec.post(`/api/surveys/${survey.id}/progress-map/preview`);
    expect(again.body.applied).toBe(0);
  });

  it("reports progress rule violations in the preview and writes nothing when applied", async () => {
    const sec = await env.as("secretariat@example.jp");
    // An actual date on a step that is not done breaks a progress rule for the "doing" rows.
    await sec.put(
      `/api/surveys/${survey.id}/progress-map`,
      mapping([{ columnId: "target", target: { kind: "stepActualDate", stepCode: "11" } }]),
    );
    const preview = await sec.post(`/api/surveys/${survey.id}/progress-map/preview`);
    expect(preview.body.issues.length).toBeGreaterThan(0);
    expect(preview.body.issues[0].path).toMatch(/^(阿武町|上関町)・/);
    const before = await historyCount();
    const applied = await sec.post(`/api/surveys/${survey.id}/progress-map/apply`);
    expect(applied.status).toBe(400);
    expect(await historyCount()).toBe(before);
  });
});
