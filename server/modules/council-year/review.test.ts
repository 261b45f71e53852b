import { beforeAll, describe, expect, it } from "vitest";
import { type Client, lastAudit, type TestEnv, testEnv } from "../../platform/testing/harness.js";
import { jst, makeMeeting, startedYesterday } from "../meetings/test-support.js";
import { sendReviewReminders } from "./review-reminders.js";
import { splitPassages } from "./review-rules.js";

let env: TestEnv;
let sec: Client;
let abu: Client;
let shunan: Client;
beforeAll(async () => {
  env = await testEnv();
  sec = await env.as("secretariat@example.jp");
  abu = await env.as("abu@example.jp");
  shunan = await env.as("shunan@example.jp");
});

const draft = [
  "## 議題1　窓口DXについて",
  "事務局から資料1に基づき説明した。",
  "○阿武町（総務課長）　窓口の予約制を来年度から始めたい。",
  "○周南市　共同調達に参加を検討している。",
].join("\n\n");

async function heldWithMinutes(body = draft) {
  const m = await makeMeeting(env, env.demo.bodies.council);
  await sec.post(`/api/meetings/${m.id}/announce`);
  await startedYesterday(env, m.id);
  expect((await sec.post(`/api/meetings/${m.id}/held`)).status).toBe(200);
  expect((await sec.put(`/api/meetings/${m.id}/minutes`, { bodyMd: body, outcomes: {} })).status).toBe(200);
  return m;
}
const passageOf = (state: any, prefix: string) => state.current.passages.find((p: { text: string }) => p.text.startsWith(prefix));
const minutesBody = async (id: string) => (await sec.get(`/api/meetings/${id}/minutes`)).body.current.bodyMd as string;

describe("minutes review", () => {
  it("cuts the draft into passages attributed to their speakers", () => {
    const parts = splitPassages(draft, [
      { id: "a", name: "阿武町" },
      { id: "s", name: "周南市" },
    ]);
    expect(parts.map((p) => p.speakerOrgId)).toEqual([null, null, "a", "s"]);
  });

  it("two speakers each correct their own remark; the secretariat accepts one and rejects the other", async () => {
    const m = await heldWithMinutes();
    const started = await sec.post(`/api/meetings/${m.id}/minutes/review`, { deadline: jst(5, 17) });
    expect(started.status).toBe(201);
    expect((await lastAudit(env, "minutesReview.start"))?.subject_id).toBe(m.id);
    const names = started.body.current.orgs.map((o: { name: string }) => o.name);
    expect(names).toEqual(expect.arrayContaining(["阿武町", "周南市"]));
    const note = await env.ctx.db
      .selectFrom("notifications")
      .select("title")
      .where("user_id", "=", env.demo.users["abu@example.jp"]!)
      .where("title", "like", "議事録（案）の確認のお願い%")
      .executeTakeFirst();
    expect(note).toBeTruthy();

    const mine = (await abu.get(`/api/meetings/${m.id}/minutes/review`)).body;
    const abuPassage = passageOf(mine, "○阿武町");
    const shunanPassage = passageOf(mine, "○周南市");
    expect(abuPassage.canSuggest).toBe(true);
    expect(shunanPassage.canSuggest).toBe(false);
    const reviewId = mine.current.id;
    const a = await abu.post(`/api/minutes-reviews/${reviewId}/passages/${abuPassage.id}/suggestions`, {
      text: "○阿武町（総務課長）　窓口の予約制を令和9年度から始める予定である。",
      note: "年度を正確に",
    });
    expect(a.status).toBe(201);
    expect((await lastAudit(env, "minutesReview.suggest"))?.actor_org_id).toBeTruthy();
    await shunan.post(`/api/minutes-reviews/${reviewId}/passages/${shunanPassage.id}/suggestions`, {
      text: "○周南市　共同調達への参加を前向きに検討している。",
    });
    // Each reviewer sees only its own suggestions; the secretariat sees both.
    expect((await abu.get(`/api/meetings/${m.id}/minutes/review`)).body.current.suggestions).toHaveLength(1);
    const all = (await sec.get(`/api/meetings/${m.id}/minutes/review`)).body.current.suggestions;
    expect(all.map((s: { org: { name: string } }) => s.org.name)).toEqual(["阿武町", "周南市"]);

    const accept = await sec.post(`/api/minutes-suggestions/${all[0].id}/decision`, { decision: "accepted" });
    expect(accept.status).toBe(200);
    await sec.post(`/api/minutes-suggestions/${all[1].id}/decision`, { decision: "rejected" });
    const body = await minutesBody(m.id);
    expect(body).toContain("窓口の予約制を令和9年度から始める予定である。");
    expect(body).toContain("○周南市　共同調達に参加を検討している。");
    expect(body).not.toContain("来年度から始めたい");
    const audit = await lastAudit(env, "minutesReview.decide");
    expect(JSON.parse(audit!.changes!)).toMatchObject({ decision: "rejected" });
    expect((await sec.post(`/api/minutes-suggestions/${all[0].id}/decision`, { decision: "rejected" })).status).toBe(409);

    // Closing keeps the review; then the chair approves as before.
    const closed = await sec.post(`/api/minutes-reviews/${reviewId}/close`);
    expect(closed.body.current).toMatchObject({ status: "closed", accepting: false });
    expect((await sec.post(`/api/meetings/${m.id}/minutes/approve`)).status).toBe(200);
  });

  it("refuses a suggestion on someone else's passage, after the deadline, and by an organisation not asked", async () => {
    const m = await heldWithMinutes();
    await sec.post(`/api/meetings/${m.id}/minutes/review`, { deadline: jst(5, 17) });
    const state = (await abu.get(`/api/meetings/${m.id}/minutes/review`)).body;
    const reviewId = state.current.id;
    const count = async () =>
      Number(
        (
          await env.database.db
            .selectFrom("minutes_suggestions")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const theirs = await abu.post(`/api/minutes-reviews/${reviewId}/passages/${passageOf(state, "○周南市").id}/suggestions`, {
      text: "○周南市　書き換え",
    });
    expect(theirs.status).toBe(403);
    expect(theirs.body.error.message).toBe("修正を提案できるのは、貴団体の発言として記録された箇所だけです。");
    const secretariatText = await abu.post(
      `/api/minutes-reviews/${reviewId}/passages/${passageOf(state, "事務局").id}/suggestions`,
      {
        text: "書き換え",
      },
    );
    expect(secretariatText.status).toBe(403);
    const same = await abu.post(`/api/minutes-reviews/${reviewId}/passages/${passageOf(state, "○阿武町").id}/suggestions`, {
      text: passageOf(state, "○阿武町").text,
    });
    expect(same.status).toBe(400);
    await env.ctx.db
      .updateTable("minutes_reviews")
      .set({ deadline: jst(-1, 17) })
      .where("id", "=", reviewId)
      .execute();
    const late = await abu.post(`/api/minutes-reviews/${reviewId}/passages/${passageOf(state, "○阿武町").id}/suggestions`, {
      text: "○阿武町　遅れた修正",
    });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/^確認の期限（令和/);
    expect(await count()).toBe(before);
    // 上関町 was not at the meeting and did not speak: it sees no review and cannot reach it.
    const kaminoseki = await env.as("kaminoseki@example.jp");
    expect((await kaminoseki.get(`/api/meetings/${m.id}/minutes/review`)).body.current).toBeNull();
    const stranger = await kaminoseki.post(
      `/api/minutes-reviews/${reviewId}/passages/${passageOf(state, "○阿武町").id}/suggestions`,
      {
        text: "x",
      },
    );
    expect(stranger.status).toBe(404);
  });

  it("401 without a session, 403 for a town starting or deciding, 404 for a members-only body's meeting", async () => {
    const m = await heldWithMinutes();
    expect((await env.anon.get(`/api/meetings/${m.id}/minutes/review`)).status).toBe(401);
    expect((await env.anon.post(`/api/meetings/${m.id}/minutes/review`, { deadline: jst(5, 17) })).status).toBe(401);
    expect((await abu.post(`/api/meetings/${m.id}/minutes/review`, { deadline: jst(5, 17) })).status).toBe(403);
    const started = (await sec.post(`/api/meetings/${m.id}/minutes/review`, { deadline: jst(5, 17) })).body;
    expect((await sec.post(`/api/meetings/${m.id}/minutes/review`, { deadline: jst(5, 17) })).status).toBe(409);
    const p = passageOf((await abu.get(`/api/meetings/${m.id}/minutes/review`)).body, "○阿武町");
    await abu.post(`/api/minutes-reviews/${started.current.id}/passages/${p.id}/suggestions`, { text: "○阿武町　修正" });
    const s = (await sec.get(`/api/meetings/${m.id}/minutes/review`)).body.current.suggestions[0];
    expect((await abu.post(`/api/minutes-suggestions/${s.id}/decision`, { decision: "accepted" })).status).toBe(403);
    expect((await abu.post(`/api/minutes-reviews/${started.current.id}/close`)).status).toBe(403);
    const rpa = await makeMeeting(env, env.demo.bodies.wgRpa);
    const kaminoseki = await env.as("kaminoseki@example.jp");
    expect((await kaminoseki.get(`/api/meetings/${rpa.id}/minutes/review`)).status).toBe(404);
    expect((await kaminoseki.post(`/api/meetings/${rpa.id}/minutes/review`, { deadline: jst(5, 17) })).status).toBe(404);
  });

  it("a reviewer finishes with 「修正なし」 or 「提案を送信して完了」; suggesting alone does not finish; the secretariat sees who has answered", async () => {
    const m = await heldWithMinutes();
    const started = (await sec.post(`/api/meetings/${m.id}/minutes/review`, { deadline: jst(5, 17) })).body;
    const reviewId = started.current.id;
    const abuState = (await abu.get(`/api/meetings/${m.id}/minutes/review`)).body;
    expect(abuState.current.abilities.canAnswer).toBe(true);
    expect(abuState.current.reviewers).toEqual([
      { org: { id: env.demo.orgs.阿武町, name: "阿武町" }, answer: null, remindedAt: null },
    ]);
    const answers = () =>
      env.ctx.db.selectFrom("minutes_review_answers").selectAll().where("review_id", "=", reviewId).orderBy("org_id").execute();

    // 「提案を送信して完了」 needs a suggestion sent first; after one, 「修正なし」 is refused.
    const early = await abu.post(`/api/minutes-reviews/${reviewId}/answer`, { outcome: "suggested" });
    expect(early.status).toBe(400);
    expect(early.body.error.message).toBe("まだ修正の提案がありません。修正がない場合は「修正なし」を選んでください。");
    const p = passageOf(abuState, "○阿武町");
    expect(
      (await abu.post(`/api/minutes-reviews/${reviewId}/passages/${p.id}/suggestions`, { text: "○阿武町　修正した発言" })).status,
    ).toBe(201);
    // Suggesting did not finish: the secretariat still sees 阿武町 as not answered.
    let secView = (await sec.get(`/api/meetings/${m.id}/minutes/review`)).body.current;
    expect(secView.reviewers.find((r: any) => r.org.name === "阿武町").answer).toBeNull();
    expect((await abu.post(`/api/minutes-reviews/${reviewId}/answer`, { outcome: "no_change" })).status).toBe(400);
    expect((await abu.post(`/api/minutes-reviews/${reviewId}/answer`, { outcome: "maybe" })).status).toBe(400);
    expect(await answers()).toHaveLength(0);

    const done = await abu.post(`/api/minutes-reviews/${reviewId}/answer`, { outcome: "suggested" });
    expect(done.status).toBe(200);
    expect(done.body.current.abilities.canAnswer).toBe(false);
    expect(done.body.current.passages.every((x: { canSuggest: boolean }) => !x.canSuggest)).toBe(true);
    const audit = await lastAudit(env, "minutesReview.answer");
    expect(audit?.subject_id).toBe(m.id);
    expect(JSON.parse(audit!.changes!)).toEqual({ reviewId, outcome: "suggested" });
    expect((await shunan.post(`/api/minutes-reviews/${reviewId}/answer`, { outcome: "no_change" })).status).toBe(200);

    secView = (await sec.get(`/api/meetings/${m.id}/minutes/review`)).body.current;
    const byName = new Map(secView.reviewers.map((r: any) => [r.org.name, r.answer]));
    expect(byName.get("阿武町")).toMatchObject({ outcome: "suggested", userName: expect.any(String) });
    expect(byName.get("周南市")).toMatchObject({ outcome: "no_change" });
    // A reviewer sees only its own organisation's state.
    expect((await shunan.get(`/api/meetings/${m.id}/minutes/review`)).body.current.reviewers).toHaveLength(1);

    // Once finished: no second answer, no further suggestion.
    const again = await abu.post(`/api/minutes-reviews/${reviewId}/answer`, { outcome: "suggested" });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe("貴団体はこの議事録の確認をすでに完了しています。");
    expect(
      (await abu.post(`/api/minutes-reviews/${reviewId}/passages/${p.id}/suggestions`, { text: "○阿武町　さらに修正" })).status,
    ).toBe(409);
    expect((await answers()).map((a) => a.outcome).sort()).toEqual(["no_change", "suggested"]);
  });

  it("answering: 401 without a session, 403 for the secretariat (not asked), 404 for an organisation not asked, 409 after the deadline", async () => {
    const m = await heldWithMinutes();
    const reviewId = (await sec.post(`/api/meetings/${m.id}/minutes/review`, { deadline: jst(5, 17) })).body.current.id;
    expect((await env.anon.post(`/api/minutes-reviews/${reviewId}/answer`, { outcome: "no_change" })).status).toBe(401);
    const bySec = await sec.post(`/api/minutes-reviews/${reviewId}/answer`, { outcome: "no_change" });
    expect(bySec.status).toBe(403);
    const kaminoseki = await env.as("kaminoseki@example.jp");
    expect((await kaminoseki.post(`/api/minutes-reviews/${reviewId}/answer`, { outcome: "no_change" })).status).toBe(404);
    await env.ctx.db
      .updateTable("minutes_reviews")
      .set({ deadline: jst(-1, 17) })
      .where("id", "=", reviewId)
      .execute();
    const late = await abu.post(`/api/minutes-reviews/${reviewId}/answer`, { outcome: "no_change" });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/^確認の期限（令和.+）を過ぎているため、回答できません。/);
    const stored = await env.ctx.db
      .selectFrom("minutes_review_answers")
      .select("org_id")
      .where("review_id", "=", reviewId)
      .execute();
    expect(stored).toHaveLength(0);
    expect(await lastAudit(env, "minutesReview.answer")).not.toMatchObject({ subject_id: m.id });
  });

  it("reminds, once per person and review, the people of organisations that have not answered as the deadline nears", async () => {
    const m = await heldWithMinutes();
    const reviewId = (await sec.post(`/api/meetings/${m.id}/minutes/review`, { deadline: jst(1, 17) })).body.current.id;
    const far = await heldWithMinutes();
    const farId = (await sec.post(`/api/meetings/${far.id}/minutes/review`, { deadline: jst(20, 17) })).body.current.id;
    expect((await abu.post(`/api/minutes-reviews/${reviewId}/answer`, { outcome: "no_change" })).status).toBe(200);
    // 阿武町 has finished: the home card no longer lists the review for it.
    const abuHome = (await abu.get("/api/home")).body.deadlines.map((d: { link: string }) => d.link);
    expect(abuHome).not.toContain(`/meetings/${m.id}/minutes`);
    expect((await shunan.get("/api/home")).body.deadlines.map((d: { link: string }) => d.link)).toContain(
      `/meetings/${m.id}/minutes`,
    );

    await sendReviewReminders(env.ctx);
    const reminded = async (id: string) =>
      (await env.ctx.db.selectFrom("minutes_review_reminders").select("user_id").where("review_id", "=", id).execute()).map(
        (r) => r.user_id,
      );
    const first = await reminded(reviewId);
    expect(first).toContain(env.demo.users["shunan@example.jp"]);
    expect(first).not.toContain(env.demo.users["abu@example.jp"]);
    expect(await reminded(farId)).toEqual([]);
    const mails = () =>
      env.ctx.db
        .selectFrom("mail_outbox")
        .select(["subject", "text"])
        .where("to_address", "=", "shunan@example.jp")
        .where("subject", "like", "【確認のお願い】%")
        .execute();
    const [mail] = await mails();
    expect(mail?.subject).toBe(`【確認のお願い】${m.name}の議事録（案）について`);
    expect(mail?.text).toContain(`${m.name}の議事録（案）の確認について（お願い）`);
    expect(mail?.text).toMatch(/２　確認の期限　令和\d+年\d+月\d+日（.）17時/);
    expect(mail?.text).toContain(`/meetings/${m.id}/minutes/review`);
    expect(mail?.text).toContain("以上");
    const audit = await lastAudit(env, "minutesReview.remind");
    expect(JSON.parse(audit!.changes!)).toEqual({ reviewId, userIds: first });
    const secView = (await sec.get(`/api/meetings/${m.id}/minutes/review`)).body.current;
    expect(secView.reviewers.find((r: any) => r.org.name === "周南市").remindedAt).toBeTruthy();

    // The next morning: nobody is reminded twice.
    expect(await sendReviewReminders(env.ctx)).toBe(0);
    expect(await mails()).toHaveLength(1);
  });
});
