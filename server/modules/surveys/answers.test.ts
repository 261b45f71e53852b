import { beforeAll, describe, expect, it } from "vitest";
import { lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { minimalPdf } from "../documents/test-files.js";
import { sampleAnswer } from "./fixtures.js";
import { deadlineIn, expireDeadline, publishedSurvey } from "./test-helpers.js";

let env: TestEnv;
let survey: { id: string };
let abuOrg: string;
let kaminosekiOrg: string;
const url = (orgId: string, s = survey) => `/api/surveys/${s.id}/answers/${orgId}`;

beforeAll(async () => {
  env = await testEnv({ UPLOAD_MAX_MB: "1" });
  survey = await publishedSurvey(env);
  abuOrg = env.demo.orgs.阿武町!;
  kaminosekiOrg = env.demo.orgs.上関町!;
});

describe("answers: access", () => {
  it("401 without a session, 403 for the secretariat writing, 404 for another organisation's answer", async () => {
    expect((await env.anon.get(url(abuOrg))).status).toBe(401);
    expect((await env.anon.put(url(abuOrg), { version: 0, data: {} })).status).toBe(401);
    const sec = await env.as("secretariat@example.jp");
    expect((await sec.get(url(abuOrg))).status).toBe(200);
    const write = await sec.put(url(abuOrg), { version: 0, data: {} });
    expect(write.status).toBe(403);
    const abu = await env.as("abu@example.jp");
    expect((await abu.get(url(kaminosekiOrg))).status).toBe(404);
    expect((await abu.put(url(kaminosekiOrg), { version: 0, data: {} })).status).toBe(404);
    expect((await abu.post(`${url(kaminosekiOrg)}/submit`, { version: 0, data: {} })).status).toBe(404);
    // An organisation that is not asked has no answer at all.
    expect((await abu.get(url(env.demo.orgs.山口県!))).status).toBe(404);
  });
});

describe("answers: drafts, conflicts and submission", () => {
  it("starts empty, saves a draft with its audit row, and shows it to the town's other clerk", async () => {
    const abu = await env.as("abu@example.jp");
    const empty = await abu.get(url(abuOrg));
    expect(empty.body).toMatchObject({ status: "not_started", version: 0, data: {}, abilities: { canEdit: true } });
    const saved = await abu.put(url(abuOrg), { version: 0, data: { dept: "総務課" } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ status: "draft", version: 1, updatedBy: { name: "阿武 由美" } });
    // What is still missing is listed next to each field, but the draft is kept.
    expect(saved.body.issues.map((i: { path: string }) => i.path)).toContain("answers.staff");
    const audit = await lastAudit(env, "surveyAnswer.save");
    expect(JSON.parse(audit!.changes!)).toMatchObject({ orgId: abuOrg, version: 1, changed: ["dept"] });
    const abu2 = await env.as("abu2@example.jp");
    expect((await abu2.get(url(abuOrg))).body.data).toEqual({ dept: "総務課" });
  });

  it("never overwrites silently: a save from a stale version is a 409 carrying the server's answer", async () => {
    const abu = await env.as("abu@example.jp");
    const abu2 = await env.as("abu2@example.jp");
    const start = (await abu.get(url(abuOrg))).body.version;
    expect((await abu.put(url(abuOrg), { version: start, data: { dept: "総務課", staff: 3 } })).status).toBe(200);
    const stale = await abu2.put(url(abuOrg), { version: start, data: { dept: "企画課" } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("CONFLICT");
    expect(stale.body.error.message).toContain("阿武 由美さん");
    expect(stale.body.error.message).toContain("消えていません");
    expect(stale.body.error.details.current).toMatchObject({ version: start + 1, data: { dept: "総務課", staff: 3 } });
    // Merged on the client, saved from the current version.
    const merged = await abu2.put(url(abuOrg), { version: start + 1, data: { dept: "企画課", staff: 3 } });
    expect(merged.status).toBe(200);
    expect(merged.body.version).toBe(start + 2);
  });

  it("keeps an out-of-range number in a draft but refuses it at submission, next to the field", async () => {
    const abu = await env.as("abu@example.jp");
    const v = (await abu.get(url(abuOrg))).body.version;
    const draft = await abu.put(url(abuOrg), { version: v, data: sampleAnswer({ staff: 500 }) });
    expect(draft.status).toBe(200);
    expect(draft.body.issues).toContainEqual({
      path: "answers.staff",
      message: "「担当職員数」は0人以上100人以下で入力してください",
    });
    const submit = await abu.post(`${url(abuOrg)}/submit`, { version: v + 1, data: sampleAnswer({ staff: 500 }) });
    expect(submit.status).toBe(400);
    expect(submit.body.error.details.issues).toContainEqual({
      path: "answers.staff",
      message: "「担当職員数」は0人以上100人以下で入力してください",
    });
    expect((await abu.get(url(abuOrg))).body.status).toBe("draft");
  });

  it("refuses a choice not offered and an unknown question even in a draft", async () => {
    const abu = await env.as("abu@example.jp");
    const v = (await abu.get(url(abuOrg))).body.version;
    const res = await abu.put(url(abuOrg), { version: v, data: { method: "outsourced", nope: 1 } });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["answers.method", "answers.nope"]));
    const grid = await abu.put(url(abuOrg), { version: v, data: { grid: { sys1: { status: "maybe" } } } });
    expect(grid.body.error.details.issues[0].path).toBe("answers.grid.sys1.status");
  });

  it("requires the conditional question only when shown, requires every grid row, and submits", async () => {
    const abu = await env.as("abu@example.jp");
    let v = (await abu.get(url(abuOrg))).body.version;
    const incomplete = sampleAnswer({ hard: true, grid: { sys1: { status: "done" } } });
    const res = await abu.post(`${url(abuOrg)}/submit`, { version: v, data: incomplete });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain("answers.hardDetail");
    expect(paths).toContain("answers.grid.sys2.status");
    expect(paths).not.toContain("answers.grid.sys1.status");

    // Hidden when hard = false: its stale value is dropped on submission.
    const ok = await abu.post(`${url(abuOrg)}/submit`, { version: v, data: sampleAnswer({ hardDetail: "古い入力" }) });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: "submitted", submittedBy: { name: "阿武 由美" } });
    expect(ok.body.data).not.toHaveProperty("hardDetail");
    expect((await lastAudit(env, "surveyAnswer.submit"))?.subject_id).toBe(survey.id);
    v = ok.body.version;

    // The survey allows edits after submission until the deadline: editing makes it a draft again.
    const edit = await (await env.as("abu2@example.jp")).put(url(abuOrg), { version: v, data: { ...ok.body.data, staff: 4 } });
    expect(edit.body.status).toBe("draft");
    const again = await abu.post(`${url(abuOrg)}/submit`, { version: v + 1, data: edit.body.data });
    expect(again.body.status).toBe("submitted");
  });

  it("locks a submitted answer when the survey does not allow edits after submission", async () => {
    const strict = await publishedSurvey(env, { title: "修正不可の照会", allowEditAfterSubmit: false });
    const mine = await env.as("mine@example.jp");
    const org = env.demo.orgs.美祢市!;
    const sub = await mine.post(`${url(org, strict)}/submit`, { version: 0, data: sampleAnswer() });
    expect(sub.status).toBe(200);
    expect(sub.body.abilities.canEdit).toBe(false);
    expect(sub.body.lockReason).toContain("提出後の修正を受け付けていません");
    const res = await mine.put(url(org, strict), { version: sub.body.version, data: sampleAnswer({ staff: 9 }) });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain("差戻し");
  });
});

describe("answers: deadline, extensions and returns", () => {
  it("refuses answers after the deadline unless the secretariat extended it for that organisation", async () => {
    const s = await publishedSurvey(env, { title: "期限切れの照会" });
    await expireDeadline(env, s.id);
    const shunan = await env.as("shunan@example.jp");
    const shunanOrg = env.demo.orgs.周南市!;
    const late = await shunan.put(url(shunanOrg, s), { version: 0, data: { dept: "情報政策課" } });
    expect(late.status).toBe(403);
    expect(late.body.error.message).toContain("回答期限");
    expect(late.body.error.message).toContain("過ぎた");

    const sec = await env.as("secretariat@example.jp");
    expect((await shunan.put(`/api/surveys/${s.id}/extensions/${shunanOrg}`, { until: deadlineIn(3) })).status).toBe(403);
    const past = await sec.put(`/api/surveys/${s.id}/extensions/${shunanOrg}`, { until: "2020-01-01T00:00:00Z" });
    expect(past.status).toBe(400);
    expect(past.body.error.details.issues[0].path).toBe("until");
    const ext = await sec.put(`/api/surveys/${s.id}/extensions/${shunanOrg}`, { until: deadlineIn(3) });
    expect(ext.status).toBe(200);
    expect(ext.body.extendedUntil).not.toBeNull();
    expect(JSON.parse((await lastAudit(env, "survey.extend"))!.changes!).orgId).toBe(shunanOrg);
    expect((await shunan.put(url(shunanOrg, s), { version: 0, data: { dept: "情報政策課" } })).status).toBe(200);
    // Other organisations are still refused.
    const mine = await env.as("mine@example.jp");
    expect((await mine.put(url(env.demo.orgs.美祢市!, s), { version: 0, data: {} })).status).toBe(403);
  });

  it("returns a submitted answer with a comment, notifies the town, and lets it resubmit", async () => {
    const s = await publishedSurvey(env, { title: "差戻しの照会" });
    const abu = await env.as("abu@example.jp");
    const sub = await abu.post(`${url(abuOrg, s)}/submit`, { version: 0, data: sampleAnswer() });
    const sec = await env.as("secretariat@example.jp");
    expect((await abu.post(`${url(abuOrg, s)}/return`, { comment: "x" })).status).toBe(403);
    const empty = await sec.post(`${url(abuOrg, s)}/return`, { comment: " " });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.issues[0].path).toBe("comment");
    const ret = await sec.post(`${url(abuOrg, s)}/return`, { comment: "職員数を確認してください" });
    expect(ret.status).toBe(200);
    expect(ret.body).toMatchObject({ status: "returned", returnComment: "職員数を確認してください" });
    expect(JSON.parse((await lastAudit(env, "surveyAnswer.return"))!.changes!).comment).toBe("職員数を確認してください");
    const note = await env.database.db
      .selectFrom("notifications")
      .select("body")
      .where("user_id", "=", env.demo.users["abu2@example.jp"]!)
      .where("title", "like", "%差し戻されました%")
      .executeTakeFirst();
    expect(note?.body).toContain("職員数を確認してください");
    // Even after the deadline, a returned answer may be corrected while the survey is open.
    await expireDeadline(env, s.id);
    const fixed = await abu.post(`${url(abuOrg, s)}/submit`, { version: sub.body.version + 1, data: sampleAnswer({ staff: 2 }) });
    expect(fixed.status).toBe(200);
    expect(fixed.body.status).toBe("submitted");
  });
});

describe("answers: files", () => {
  it("uploads a file for a file question; too large is a 413; another town never reads it", async () => {
    const abu = await env.as("abu@example.jp");
    const target = `${url(abuOrg)}/files`;
    expect(
      (await env.anon.postForm(target, {}, [{ name: "plan.pdf", type: "application/pdf", data: minimalPdf() }])).status,
    ).toBe(401);
    const big = await abu.postForm(target, {}, [
      { name: "big.pdf", type: "application/pdf", data: Buffer.alloc(1.5 * 1024 * 1024, 65) },
    ]);
    expect(big.status).toBe(413);
    expect(big.body.error.message).toContain("1MB以下");
    const ok = await abu.postForm(target, {}, [{ name: "plan.pdf", type: "application/pdf", data: minimalPdf() }]);
    expect(ok.status).toBe(200);
    const fileId = ok.body.items[0].id;
    expect((await lastAudit(env, "surveyAnswer.upload"))?.subject_id).toBe(survey.id);
    const kaminoseki = await env.as("kaminoseki@example.jp");
    expect((await kaminoseki.postForm(target, {}, [{ name: "x.pdf", type: "application/pdf", data: minimalPdf() }])).status).toBe(
      404,
    );

    const current = (await abu.get(url(abuOrg))).body;
    const saved = await abu.put(url(abuOrg), { version: current.version, data: { ...current.data, plan: [fileId] } });
    expect(saved.status).toBe(200);
    expect(saved.body.files.map((f: { name: string }) => f.name)).toContain("plan.pdf");
    const foreign = await abu.put(url(abuOrg), { version: saved.body.version, data: { plan: [crypto.randomUUID()] } });
    expect(foreign.status).toBe(400);

    expect((await abu.get(`/api/surveys/${survey.id}/files/${fileId}`)).status).toBe(200);
    expect((await (await env.as("secretariat@example.jp")).get(`/api/surveys/${survey.id}/files/${fileId}`)).status).toBe(200);
    expect((await kaminoseki.get(`/api/surveys/${survey.id}/files/${fileId}`)).status).toBe(404);
  });
});
