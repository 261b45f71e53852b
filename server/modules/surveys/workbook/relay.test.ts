import { beforeAll, describe, expect, it } from "vitest";
import { addBusinessDays, addDays, nonBusinessReason } from "../../../../shared/dates/calendar.js";
import { fiscalYearAt, jstDate, jstInstant } from "../../../../shared/dates/jst.js";
import { lastAudit, type TestEnv, testEnv } from "../../../platform/testing/harness.js";
import { ministryWorkbook } from "./test-workbook.js";

/** Relay metadata: the national 照会's ministry, number, deadline and contact; the internal deadline in business days; the yearly list. */
let env: TestEnv;
let surveyId: string;
const national = addDays(jstDate(), 45);

beforeAll(async () => {
  env = await testEnv();
});

describe("relay metadata", () => {
  it("takes the national 照会's data with the workbook and proposes the deadline five business days before", async () => {
    const orgs = await env.database.db
      .selectFrom("orgs")
      .select(["name", "lg_code"])
      .where("kind", "in", ["city", "town"])
      .orderBy("lg_code")
      .execute();
    const sec = await env.as("secretariat@example.jp");
    const res = await sec.postForm(
      "/api/surveys/import-workbook",
      {
        title: "自治体DX推進状況調査",
        ministry: "総務省",
        documentNumber: "総行デ第123号",
        nationalDeadline: national,
        contact: "自治行政局 デジタル基盤推進室 03-5253-5111",
      },
      [{ name: "調査票.xlsx", data: await ministryWorkbook(orgs.map((o) => ({ name: o.name, lgCode: o.lg_code! }))) }],
    );
    expect(res.status, res.text).toBe(201);
    surveyId = res.body.survey.id;
    const proposed = addBusinessDays(national, -5);
    expect(nonBusinessReason(proposed)).toBeNull();
    expect(res.body.survey.deadlineAt).toBe(jstInstant(proposed, "17:00").toISOString());
    const relay = await sec.get(`/api/surveys/${surveyId}/relay`);
    expect(relay.body).toMatchObject({
      ministry: "総務省",
      documentNumber: "総行デ第123号",
      nationalDeadline: national,
      proposedDeadline: proposed,
      fiscalYear: fiscalYearAt(),
    });
    expect(JSON.parse((await lastAudit(env, "survey.relay"))!.changes!)).toMatchObject({
      ministry: "総務省",
      deadline: proposed,
    });
  });

  it("lets the secretariat correct it, keeping the deadline it set by hand unless asked", async () => {
    const sec = await env.as("secretariat@example.jp");
    const before = (await sec.get(`/api/surveys/${surveyId}`)).body.deadlineAt;
    const later = addDays(national, 7);
    const put = await sec.put(`/api/surveys/${surveyId}/relay`, {
      ministry: "総務省",
      documentNumber: "総行デ第124号",
      nationalDeadline: later,
    });
    expect(put.status).toBe(200);
    expect(put.body.proposedDeadline).toBe(addBusinessDays(later, -5));
    expect((await sec.get(`/api/surveys/${surveyId}`)).body.deadlineAt).toBe(before);
    const bad = await sec.put(`/api/surveys/${surveyId}/relay`, { ministry: "", nationalDeadline: "令和8年" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(["ministry", "nationalDeadline"]);
  });

  it("lists the relayed surveys of a fiscal year with where each stands", async () => {
    const sec = await env.as("secretariat@example.jp");
    const list = await sec.get("/api/surveys/relays");
    expect(list.status).toBe(200);
    expect(list.body.fiscalYear).toBe(fiscalYearAt());
    expect(list.body.items).toContainEqual(
      expect.objectContaining({
        surveyId,
        title: "自治体DX推進状況調査",
        documentNumber: "総行デ第124号",
        phase: "draft",
        targetCount: 0,
      }),
    );
    expect((await sec.get(`/api/surveys/relays?fiscalYear=${fiscalYearAt() - 1}`)).body.items).toEqual([]);
  });

  it("401 without a session, 403 for towns and specialists, 404 for a draft a town cannot see", async () => {
    expect((await env.anon.get("/api/surveys/relays")).status).toBe(401);
    expect((await env.anon.get(`/api/surveys/${surveyId}/relay`)).status).toBe(401);
    expect((await env.anon.put(`/api/surveys/${surveyId}/relay`, { ministry: "x" })).status).toBe(401);
    const abu = await env.as("abu@example.jp");
    expect((await abu.get("/api/surveys/relays")).status).toBe(403);
    expect((await (await env.as("specialist@example.jp")).get("/api/surveys/relays")).status).toBe(403);
    expect((await abu.get(`/api/surveys/${surveyId}/relay`)).status).toBe(404);
    expect((await abu.put(`/api/surveys/${surveyId}/relay`, { ministry: "x" })).status).toBe(404);
    // Published, the town reads who to ask at the ministry but changes nothing.
    const sec = await env.as("secretariat@example.jp");
    expect((await sec.post(`/api/surveys/${surveyId}/publish`)).status).toBe(200);
    expect((await abu.get(`/api/surveys/${surveyId}/relay`)).body.ministry).toBe("総務省");
    expect((await abu.put(`/api/surveys/${surveyId}/relay`, { ministry: "x" })).status).toBe(403);
  });
});
