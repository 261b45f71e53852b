import { jstDate } from "../../../shared/dates/jst.js";
import { newId, nowIso } from "../../platform/context.js";
import type { TestEnv } from "../../platform/testing/harness.js";
import { makeMeeting, startedYesterday } from "../meetings/test-support.js";

/**
 * The annual report's fixture (API test and the browser test's set-up): in the current fiscal year, one council
 * meeting held with an accepted topic and a published decision, two consultations to the desk (one resolved),
 * a 伴走型支援 engagement with a session, a survey to three towns answered by two, and one FAQ published.
 * Meetings, consultations and the resolution go through the API; what has no short API path is written as rows.
 */
export async function reportFixture(env: TestEnv) {
  const db = env.ctx.db;
  const o = env.demo.orgs;
  const u = env.demo.users;
  const now = nowIso();
  const today = jstDate();

  const meeting = await makeMeeting(env, env.demo.bodies.council, { subtitle: null });
  await startedYesterday(env, meeting.id);
  await db.updateTable("meetings").set({ status: "held" }).where("id", "=", meeting.id).execute();
  const agendaId = newId();
  await db
    .insertInto("agenda_items")
    .values({
      id: agendaId,
      body_id: env.demo.bodies.council,
      meeting_id: meeting.id,
      origin_meeting_id: null,
      status: "accepted",
      title: "自治体情報システム標準化の進捗について",
      purpose: "報告",
      presenter: "事務局",
      minutes_requested: 0,
      duration_minutes: 20,
      position: 1,
      proposer_org_id: null,
      proposed_by: null,
      decision_reason: null,
      decided_by: null,
      decided_at: null,
      source_ref: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto("meeting_minutes")
    .values({
      id: newId(),
      meeting_id: meeting.id,
      revision: 1,
      body_md: "事務局から進捗を報告した。",
      outcomes: JSON.stringify({ [agendaId]: "原案のとおり了承された" }),
      status: "published",
      correction_reason: null,
      approved_by: u["secretariat@example.jp"]!,
      approved_at: now,
      published_by: u["secretariat@example.jp"]!,
      published_at: now,
      created_by: u["secretariat@example.jp"]!,
      created_at: now,
      updated_at: now,
    })
    .execute();

  const abu = await env.as("abu@example.jp");
  const first = await abu.postForm("/api/consultations", {
    category: "standardisation",
    subject: "移行時期の相談",
    body: "本文",
  });
  await abu.postForm("/api/consultations", { category: "online", subject: "申請様式の相談", body: "本文" });
  await db.updateTable("consultations").set({ status: "resolved", resolved_at: now }).where("id", "=", first.body.id).execute();

  const engagement = newId();
  await db
    .insertInto("support_engagements")
    .values({
      id: engagement,
      org_id: o["阿武町"]!,
      theme: "標準準拠システムへの移行",
      goals: "",
      start_date: today,
      end_date: null,
      status: "active",
      outcome: "",
      progress_refs: "[]",
      consultation_id: null,
      created_by: u["secretariat@example.jp"]!,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto("support_sessions")
    .values({
      id: newId(),
      engagement_id: engagement,
      date: today,
      mode: "on_site",
      participants: "",
      notes: "",
      created_by: u["secretariat@example.jp"]!,
      created_at: now,
    })
    .execute();

  const survey = newId();
  await db
    .insertInto("surveys")
    .values({
      id: survey,
      title: "標準化の移行計画に関する照会",
      description: "",
      status: "closed",
      definition: JSON.stringify({ questions: [] }),
      target_mode: "orgs",
      target_org_ids: "[]",
      target_body_id: null,
      opens_on: null,
      deadline_at: new Date(Date.now() - 86_400_000).toISOString(),
      allow_edit_after_submit: 0,
      results_visibility: "staff",
      remind_days_before: null,
      remind_on_day: 0,
      copied_from: null,
      open_notified_at: null,
      created_by: u["secretariat@example.jp"]!,
      created_at: now,
      updated_at: now,
      closed_at: now,
    } as never)
    .execute();
  for (const [i, name] of ["阿武町", "萩市", "周南市"].entries()) {
    await db
      .insertInto("survey_targets")
      .values({ survey_id: survey, org_id: o[name]!, extended_until: null, created_at: now })
      .execute();
    if (i < 2)
      await db
        .insertInto("survey_answers")
        .values({
          id: newId(),
          survey_id: survey,
          org_id: o[name]!,
          status: "submitted",
          data: "{}",
          version: 1,
          created_at: now,
          updated_at: now,
          updated_by: null,
          submitted_at: now,
          submitted_by: null,
          returned_at: null,
          returned_by: null,
          return_comment: null,
          checked_at: null,
          checked_by: null,
        })
        .execute();
  }

  await db
    .insertInto("faq_articles")
    .values({
      id: newId(),
      category: "standardisation",
      question: "標準準拠システムへの移行期限はいつですか。",
      answer: "原則として令和７年度末です。",
      status: "published",
      source_consultation_id: null,
      reviewed_by: null,
      reviewed_at: null,
      published_at: now,
      created_by: u["secretariat@example.jp"]!,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { meeting };
}
