import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../shared/dates/calendar.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { standardisationDefinition } from "./fixtures.js";
import { deadlineIn, publishedSurvey } from "./test-helpers.js";

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

/** The next Sunday after today, 17:00 in Japan. */
const nextSunday = () => {
  let d = addDays(jstDate(), 7);
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 0) d = addDays(d, 1);
  return `${d}T17:00:00+09:00`;
};

describe("survey builder", () => {
  it("answers a specialist's list request with 403 and a message, as the menu is hidden for them", async () => {
    const specialist = await env.as("specialist@example.jp");
    const res = await specialist.get("/api/surveys");
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain("専門人材");
    expect((await (await env.as("observer@example.jp")).get("/api/surveys")).status).toBe(200);
  });

  it("denies without a session (401) and to municipal users (403)", async () => {
    expect((await env.anon.get("/api/surveys")).status).toBe(401);
    expect((await env.anon.post("/api/surveys", { title: "x" })).status).toBe(401);
    const abu = await env.as("abu@example.jp");
    const res = await abu.post("/api/surveys", { title: "x" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
    expect((await (await env.as("observer@example.jp")).post("/api/surveys", { title: "x" })).status).toBe(403);
  });

  it("creates a draft with questions and a grid, with its audit row; municipalities do not see drafts (404)", async () => {
    const sec = await env.as("secretariat@example.jp");
    const res = await sec.post("/api/surveys", { title: "標準化の照会", definition: standardisationDefinition() });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe("draft");
    expect(res.body.abilities).toMatchObject({ canEditQuestions: true, canPublish: true, canAnswer: false });
    expect(res.body.definition.sections[1].questions[0].rows).toHaveLength(20);
    // Defaults filled by the schema.
    expect(res.body.definition.sections[0].questions[0]).toMatchObject({ help: "", maxLength: 200, showIf: null });
    const audit = await lastAudit(env, "survey.create");
    expect(audit?.subject_id).toBe(res.body.id);
    expect(JSON.parse(audit!.changes!).definition).toEqual({ questions: 9 });

    const abu = await env.as("abu@example.jp");
    expect((await abu.get(`/api/surveys/${res.body.id}`)).status).toBe(404);
    expect((await abu.patch(`/api/surveys/${res.body.id}`, { title: "x" })).status).toBe(404);
    expect((await abu.get("/api/surveys")).body.items.some((s: { id: string }) => s.id === res.body.id)).toBe(false);
  });

  it("rejects bad questions next to the field: duplicate ids, min over max, a condition on a later question", async () => {
    const sec = await env.as("secretariat@example.jp");
    const res = await sec.post("/api/surveys", {
      title: "不正な設問",
      definition: {
        sections: [
          {
            id: "s",
            questions: [
              { id: "a", kind: "number", title: "A", min: 10, max: 1 },
              { id: "a", kind: "short_text", title: "B", showIf: { questionId: "z", op: "answered" } },
              { id: "c", kind: "single_choice", title: "C", options: [] },
            ],
          },
        ],
      },
    });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "definition.sections.0.questions.0.max",
        "definition.sections.0.questions.1.id",
        "definition.sections.0.questions.1.showIf",
        "definition.sections.0.questions.2.options",
      ]),
    );
  });

  it("refuses a deadline in the past and warns (without refusing) when the deadline is not a business day", async () => {
    const sec = await env.as("secretariat@example.jp");
    const past = await sec.post("/api/surveys", { title: "過去の期限", deadlineAt: "2020-01-06T17:00:00+09:00" });
    expect(past.status).toBe(400);
    expect(past.body.error.details.issues[0]).toEqual({
      path: "deadlineAt",
      message: "回答期限が過去の日時です。これから先の日時を選んでください",
    });
    const sunday = await sec.post("/api/surveys", { title: "日曜の期限", deadlineAt: nextSunday() });
    expect(sunday.status).toBe(201);
    expect(sunday.body.deadlineWarning).toBe("日曜日");
    const ok = await sec.patch(`/api/surveys/${sunday.body.id}`, { deadlineAt: deadlineIn(10) });
    expect(ok.body.deadlineWarning).toBeNull();
    expect(JSON.parse((await lastAudit(env, "survey.update"))!.changes!)).toHaveProperty("deadline_at");
  });

  it("refuses to publish a survey with no questions, no deadline and no targets, naming each field", async () => {
    const sec = await env.as("secretariat@example.jp");
    const draft = await sec.post("/api/surveys", { title: "空の照会", targetMode: "orgs", targetOrgIds: [] });
    const res = await sec.post(`/api/surveys/${draft.body.id}/publish`);
    expect(res.status).toBe(400);
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(["deadlineAt", "definition", "targetOrgIds"]);
    expect((await sec.get(`/api/surveys/${draft.body.id}`)).body.status).toBe("draft");
  });

  it("publishes to every municipality, notifies their users, and locks the questions", async () => {
    const survey = await publishedSurvey(env);
    expect(survey.status).toBe("published");
    expect(survey.phase).toBe("open");
    expect(survey.targetCount).toBe(19);
    const audit = await lastAudit(env, "survey.publish");
    expect(JSON.parse(audit!.changes!).targets).toBe(19);
    const notes = await env.database.db
      .selectFrom("notifications")
      .select("title")
      .where("user_id", "=", env.demo.users["abu2@example.jp"]!)
      .where("link", "=", `/surveys/${survey.id}`)
      .execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]!.title).toContain("標準化の移行状況に関する照会");

    const sec = await env.as("secretariat@example.jp");
    const change = await sec.patch(`/api/surveys/${survey.id}`, { definition: { sections: [] } });
    expect(change.status).toBe(409);
    expect((await sec.patch(`/api/surveys/${survey.id}`, { deadlineAt: deadlineIn(20) })).status).toBe(200);

    const abu = await env.as("abu@example.jp");
    const seen = await abu.get(`/api/surveys/${survey.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.abilities).toMatchObject({ canAnswer: true, canEdit: false, canTrack: false });
    expect(seen.body.myAnswer.status).toBe("not_started");
    expect((await abu.post(`/api/surveys/${survey.id}/close`)).status).toBe(403);
  });

  it("targets the member municipalities of a members-only body; others get 404", async () => {
    const survey = await publishedSurvey(env, { title: "RPA WG 照会", targetMode: "body", targetBodyId: env.demo.bodies.wgRpa });
    expect(survey.targetCount).toBe(10);
    const kaminoseki = await env.as("kaminoseki@example.jp");
    expect((await kaminoseki.get(`/api/surveys/${survey.id}`)).status).toBe(404);
    expect((await kaminoseki.get("/api/surveys")).body.items.some((s: { id: string }) => s.id === survey.id)).toBe(false);
    const abu = await env.as("abu@example.jp");
    expect((await abu.get(`/api/surveys/${survey.id}`)).status).toBe(200);
  });

  it("holds a survey with a future opening date until that day", async () => {
    const opensOn = addDays(jstDate(), 3);
    const survey = await publishedSurvey(env, { title: "予約公開", opensOn });
    expect(survey.phase).toBe("scheduled");
    const abu = await env.as("abu@example.jp");
    expect((await abu.get(`/api/surveys/${survey.id}`)).status).toBe(404);
    const job = await env.database.db.selectFrom("jobs").selectAll().where("kind", "=", "surveys.open").executeTakeFirst();
    expect(job?.run_at).toBe(new Date(`${opensOn}T00:00:00+09:00`).toISOString());

    // The day comes (moved here instead of waiting): the job opens it and notifies the municipalities once.
    await env.database.db.updateTable("surveys").set({ opens_on: jstDate() }).where("id", "=", survey.id).execute();
    await env.database.db
      .updateTable("jobs")
      .set({ run_at: new Date(Date.now() - 1000).toISOString() })
      .where("id", "=", job!.id)
      .execute();
    await env.worker.runOnce();
    expect((await abu.get(`/api/surveys/${survey.id}`)).status).toBe(200);
    const notes = await env.database.db
      .selectFrom("notifications")
      .select("id")
      .where("user_id", "=", env.demo.users["abu@example.jp"]!)
      .where("link", "=", `/surveys/${survey.id}`)
      .execute();
    expect(notes).toHaveLength(1);
    expect((await lastAudit(env, "survey.open"))?.subject_id).toBe(survey.id);
  });

  it("copies a past survey as a new draft template, and deletes drafts only", async () => {
    const survey = await publishedSurvey(env, { title: "前回の照会" });
    const sec = await env.as("secretariat@example.jp");
    const copy = await sec.post(`/api/surveys/${survey.id}/copy`);
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ title: "前回の照会（コピー）", status: "draft", deadlineAt: null, copiedFrom: survey.id });
    expect(copy.body.definition).toEqual(survey.definition);
    expect((await lastAudit(env, "survey.copy"))?.subject_id).toBe(copy.body.id);
    expect((await sec.delete(`/api/surveys/${survey.id}`)).status).toBe(403);
    expect((await sec.delete(`/api/surveys/${copy.body.id}`)).status).toBe(200);
    expect((await lastAudit(env, "survey.delete"))?.subject_id).toBe(copy.body.id);
    expect((await sec.get(`/api/surveys/${copy.body.id}`)).status).toBe(404);
  });

  it("closes and reopens, with audit rows", async () => {
    const survey = await publishedSurvey(env, { title: "締切テスト" });
    const sec = await env.as("secretariat@example.jp");
    const closed = await sec.post(`/api/surveys/${survey.id}/close`);
    expect(closed.body.phase).toBe("closed");
    expect((await lastAudit(env, "survey.close"))?.subject_id).toBe(survey.id);
    expect((await sec.post(`/api/surveys/${survey.id}/reopen`)).body.status).toBe("published");
    expect((await lastAudit(env, "survey.reopen"))?.subject_id).toBe(survey.id);
  });
});
