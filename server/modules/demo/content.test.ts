import { beforeAll, describe, expect, it } from "vitest";
import { type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { type DemoContent, seedDemoContent } from "./content.js";

let env: TestEnv;
let content: DemoContent;
beforeAll(async () => {
  env = await testEnv();
  const started = performance.now();
  content = await seedDemoContent(env.ctx, env.demo);
  console.log(`seedDemoContent: ${Math.round(performance.now() - started)} ms`);
});

describe("demo content", () => {
  it("shows 阿武町 the held council meeting with published minutes, the next one and the WG meeting", async () => {
    const abu = await env.as("abu@example.jp");
    const { body } = await abu.get("/api/meetings");
    const byId = new Map<string, any>(body.items.map((m: any) => [m.id, m]));
    const first = byId.get(content.meetings.first);
    expect(first.name).toMatch(/第1回 山口県デジタル・ガバメント構築連携会議$/);
    expect(first.status).toBe("minutes_published");
    const second = byId.get(content.meetings.second);
    expect(second.name).toMatch(/第2回 山口県デジタル・ガバメント構築連携会議$/);
    expect(second.status).toBe("announced");
    expect(second.proposalOpen).toBe(true);
    expect(byId.get(content.meetings.wg).bodyName).toBe("情報システムの標準化・共通化WG");

    const minutes = await abu.get(`/api/meetings/${content.meetings.first}/minutes`);
    expect(minutes.status).toBe(200);
    expect(minutes.body.current.status).toBe("published");
  });

  it("gives 阿武町 its action item from the first meeting", async () => {
    const abu = await env.as("abu@example.jp");
    const { body } = await abu.get("/api/action-items?mine=true");
    const item = body.items.find((a: any) => a.id === content.actionId);
    expect(item.ownerOrg.name).toBe("阿武町");
    expect(item.meeting.id).toBe(content.meetings.first);
  });

  it("lists 周南市's agenda proposal on the second meeting", async () => {
    const sec = await env.as("secretariat@example.jp");
    const { body } = await sec.get(`/api/meetings/${content.meetings.second}`);
    const proposed = body.agenda.filter((a: any) => a.status === "proposed");
    expect(proposed.map((a: any) => a.proposerOrg?.name)).toContain("周南市");
    expect(body.agenda.length).toBeGreaterThanOrEqual(2);
  });

  it("publishes the national trend as required reading, and a council notice", async () => {
    const shunan = await env.as("shunan@example.jp");
    const { body } = await shunan.get("/api/notices");
    const national = body.items.find((n: any) => n.id === content.notices.national);
    expect(national.title).toBe("ガバメントクラウド移行に関する国の最新動向");
    expect(national.category).toBe("national");
    expect(national.required).toBe(true);
    expect(body.items.some((n: any) => n.id === content.notices.council)).toBe(true);
  });

  it("shows 美祢市's challenge with two towns sharing it", async () => {
    const yamaguchi = await env.as("yamaguchi@example.jp");
    const { status, body } = await yamaguchi.get(`/api/challenges/${content.challengeId}`);
    expect(status).toBe(200);
    expect(body.org.name).toBe("美祢市");
    expect(body.shareCount).toBe(2);
  });

  it("keeps 上関町's consultation and engagement to 上関町 and the prefecture staff", async () => {
    const kaminoseki = await env.as("kaminoseki@example.jp");
    const mine = await kaminoseki.get(`/api/consultations/${content.consultationId}`);
    expect(mine.status).toBe(200);
    expect(mine.body.status).toBe("in_progress");
    const specialist = await env.as("specialist@example.jp");
    expect((await specialist.get(`/api/consultations/${content.consultationId}`)).status).toBe(200);
    expect((await kaminoseki.get(`/api/support/engagements/${content.engagementId}`)).status).toBe(200);

    const shunan = await env.as("shunan@example.jp");
    expect((await shunan.get(`/api/consultations/${content.consultationId}`)).status).toBe(404);
    expect((await shunan.get(`/api/support/engagements/${content.engagementId}`)).status).toBe(404);
    expect((await shunan.get(`/api/faq/${content.faqId}`)).status).toBe(200);
  });

  it("asks every municipality for the survey, with 阿武町's draft answer", async () => {
    const abu = await env.as("abu@example.jp");
    const list = await abu.get("/api/surveys");
    const survey = list.body.items.find((s: any) => s.id === content.surveyId);
    expect(survey.title).toMatch(/^標準化の移行状況に関する照会（令和\d+年\d+月）$/);
    expect(Date.parse(survey.deadlineAt)).toBeGreaterThan(Date.now());
    const answer = await abu.get(`/api/surveys/${content.surveyId}/answers/${env.demo.orgs["阿武町"]}`);
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe("draft");
    const shunan = await env.as("shunan@example.jp");
    expect((await shunan.get(`/api/surveys/${content.surveyId}`)).status).toBe(200);
  });
});
