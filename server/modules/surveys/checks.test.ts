import { beforeAll, describe, expect, it } from "vitest";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { sampleAnswer } from "./fixtures.js";
import { publishedSurvey } from "./test-helpers.js";

/** 確認済: the secretariat checks submitted answers one by one or in bulk; a change or a return voids it. */
let env: TestEnv;
let survey: { id: string };
let abu: string;
let kaminoseki: string;

beforeAll(async () => {
  env = await testEnv();
  survey = await publishedSurvey(env);
  abu = env.demo.orgs.阿武町!;
  kaminoseki = env.demo.orgs.上関町!;
  const a = await env.as("abu@example.jp");
  expect((await a.post(`/api/surveys/${survey.id}/answers/${abu}/submit`, { version: 0, data: sampleAnswer() })).status).toBe(
    200,
  );
  const k = await env.as("kaminoseki@example.jp");
  expect((await k.put(`/api/surveys/${survey.id}/answers/${kaminoseki}`, { version: 0, data: { dept: "総務課" } })).status).toBe(
    200,
  );
});

const rowOf = async (orgId: string) =>
  (await (await env.as("secretariat@example.jp")).get(`/api/surveys/${survey.id}/status`)).body.items.find(
    (r: { org: { id: string } }) => r.org.id === orgId,
  );

describe("answer checks (確認済)", () => {
  it("marks a submitted answer checked with who and when, and audits it", async () => {
    const sec = await env.as("secretariat@example.jp");
    const res = await sec.post(`/api/surveys/${survey.id}/checks`, { orgIds: [abu], checked: true });
    expect(res.body).toEqual({ changed: 1 });
    expect(await rowOf(abu)).toMatchObject({ checkedBy: { name: "県 事務局 担当" }, checkedAt: expect.any(String) });
    expect(JSON.parse((await lastAudit(env, "surveyAnswer.check"))!.changes!)).toEqual({ orgIds: [abu] });
  });

  it("refuses a bulk marking that includes an answer not submitted, naming it, and changes nothing", async () => {
    const sec = await env.as("secretariat@example.jp");
    const res = await sec.post(`/api/surveys/${survey.id}/checks`, { orgIds: [abu, kaminoseki], checked: false });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues).toEqual([
      { path: "orgIds.1", message: "上関町の回答は提出されていないため確認済みにできません" },
    ]);
    expect((await rowOf(abu)).checkedAt).not.toBeNull();
  });

  it("voids the check when the answer is returned", async () => {
    const sec = await env.as("secretariat@example.jp");
    expect(
      (await sec.post(`/api/surveys/${survey.id}/answers/${abu}/return`, { comment: "職員数を確認してください" })).status,
    ).toBe(200);
    expect(await rowOf(abu)).toMatchObject({ status: "returned", checkedAt: null, checkedBy: null });
  });

  it("401 without a session, 403 for a town, 404 for a specialist", async () => {
    const body = { orgIds: [abu], checked: true };
    expect((await env.anon.post(`/api/surveys/${survey.id}/checks`, body)).status).toBe(401);
    expect((await (await env.as("abu@example.jp")).post(`/api/surveys/${survey.id}/checks`, body)).status).toBe(403);
    expect((await (await env.as("specialist@example.jp")).post(`/api/surveys/${survey.id}/checks`, body)).status).toBe(404);
  });
});
