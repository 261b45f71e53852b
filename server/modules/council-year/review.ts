import type { z } from "zod";
import type {
  MinutesReview,
  ReviewState,
  reviewAnswerInput,
  reviewInput,
  suggestionDecision,
  suggestionInput,
} from "../../../shared/api/minutes-review.js";
import { warekiDateTime } from "../../../shared/dates/format.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { conflict, forbidden, invalid, notFound } from "../../platform/errors.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import {
  type LoadedMeeting,
  listAttendanceRows,
  listMinutesRows,
  meetingName,
  updateMinutesRow,
  visibleMeeting,
} from "../meetings/index.js";
import { notify } from "../notifications/service.js";
import {
  findReviewRow,
  findSuggestionRow,
  insertAnswer,
  insertReview,
  insertSuggestion,
  lastRemindedByOrg,
  listAnswerRows,
  listPassageRows,
  listReviewRows,
  listSuggestionRows,
  orgNames,
  type ReviewRow,
  updatePassageText,
  updateReviewRow,
  updateSuggestionRow,
} from "./review-repo.js";
import { replacePassage, splitPassages } from "./review-rules.js";
import "./policy.js";

const manages = (ctx: Ctx, l: LoadedMeeting) => can(ctx.actor, "meeting.manage", l.subject);
const accepting = (r: ReviewRow) => r.status === "open" && Date.parse(r.deadline) > Date.now();
const reviewerOrgs = (r: ReviewRow) => JSON.parse(r.org_ids) as string[];
const rollOrgs = (l: LoadedMeeting) => {
  const seen = new Set<string>();
  return l.members
    .filter((m) => m.org_id && !seen.has(m.org_id) && seen.add(m.org_id))
    .map((m) => ({ id: m.org_id!, name: m.org_name ?? "" }));
};

async function present(ctx: Ctx, loaded: LoadedMeeting, r: ReviewRow): Promise<MinutesReview> {
  const manage = manages(ctx, loaded);
  const [passages, suggestions, orgs, answers, reminded] = await Promise.all([
    listPassageRows(ctx, r.id),
    listSuggestionRows(ctx, r.id),
    orgNames(ctx, reviewerOrgs(r)),
    listAnswerRows(ctx, r.id),
    lastRemindedByOrg(ctx, r.id),
  ]);
  const names = new Map(rollOrgs(loaded).map((o) => [o.id, o.name]));
  const open = accepting(r);
  const myOrg = ctx.actor?.orgId;
  const asked = !!myOrg && reviewerOrgs(r).includes(myOrg);
  const answerOf = new Map(answers.map((a) => [a.org_id, a]));
  const answered = !!myOrg && answerOf.has(myOrg);
  return {
    id: r.id,
    meetingId: r.meeting_id,
    revision: r.revision,
    status: r.status,
    deadline: r.deadline,
    accepting: open,
    orgs: orgs.map((o) => ({ id: o.id, name: o.name })),
    reviewers: orgs
      .filter((o) => manage || o.id === myOrg)
      .map((o) => {
        const a = answerOf.get(o.id);
        return {
          org: { id: o.id, name: o.name },
          answer: a ? { outcome: a.outcome, userName: a.user_name, answeredAt: a.answered_at } : null,
          remindedAt: reminded.get(o.id) ?? null,
        };
      }),
    passages: passages.map((p) => ({
      id: p.id,
      position: p.position,
      speaker: p.speaker_org_id ? { id: p.speaker_org_id, name: names.get(p.speaker_org_id) ?? "" } : null,
      text: p.text,
      canSuggest: open && asked && !answered && p.speaker_org_id === myOrg,
    })),
    suggestions: suggestions
      .filter((s) => manage || s.org_id === myOrg)
      .map((s) => ({
        id: s.id,
        passageId: s.passage_id,
        org: { id: s.org_id, name: s.org_name },
        userName: s.user_name,
        text: s.text,
        note: s.note,
        status: s.status,
        decidedAt: s.decided_at,
        createdAt: s.created_at,
        abilities: { canDecide: manage && s.status === "pending" },
      })),
    createdAt: r.created_at,
    closedAt: r.closed_at,
    abilities: { canClose: manage && r.status === "open", canAnswer: open && asked && !answered, canFollowAnswers: manage },
  };
}

/** The meeting's review as the actor may see it: the secretariat and the organisations asked; others see none. */
export async function getReviewState(ctx: Ctx, meetingId: string): Promise<ReviewState> {
  const loaded = await visibleMeeting(ctx, meetingId);
  const manage = manages(ctx, loaded);
  const rows = (await listReviewRows(ctx, meetingId)).filter(
    (r) => manage || (!!ctx.actor && reviewerOrgs(r).includes(ctx.actor.orgId)),
  );
  const latest = (await listMinutesRows(ctx, meetingId))[0];
  const live = loaded.row.status === "held" || loaded.row.status === "minutes_published";
  return {
    current: rows[0] ? await present(ctx, loaded, rows[0]) : null,
    history: rows.slice(1).map((r) => ({ id: r.id, revision: r.revision, createdAt: r.created_at, closedAt: r.closed_at })),
    abilities: { canStart: manage && live && latest?.status === "draft" && rows[0]?.status !== "open" },
  };
}

export async function startReview(ctx: Ctx, meetingId: string, input: z.infer<typeof reviewInput>): Promise<ReviewState> {
  return inTx(ctx, async (tx) => {
    const loaded = await visibleMeeting(tx, meetingId);
    authorize(tx.actor, "meeting.manage", loaded.subject);
    const latest = (await listMinutesRows(tx, meetingId))[0];
    if (latest?.status !== "draft") throw conflict("確認に回せるのは作成中（座長承認前）の議事録です。");
    if ((await listReviewRows(tx, meetingId)).some((r) => r.status === "open"))
      throw conflict("この議事録はすでに確認に回しています。");
    if (Date.parse(input.deadline) <= Date.now())
      throw invalid("確認の期限は現在より後の日時にしてください。", [
        { path: "deadline", message: "現在より後の日時にしてください" },
      ]);
    const roll = rollOrgs(loaded);
    const onRoll = new Set(roll.map((o) => o.id));
    const stray = (input.orgIds ?? []).filter((id) => !onRoll.has(id));
    if (stray.length)
      throw invalid(
        "確認を依頼できるのは、この会議体の構成団体です。",
        stray.map((id) => ({ path: `orgIds.${id}`, message: "この会議体の団体ではありません" })),
      );
    const passages = splitPassages(latest.body_md, roll);
    const attending = (await listAttendanceRows(tx, meetingId)).filter((a) => a.mode === "in_person" || a.mode === "online");
    const orgIds = input.orgIds?.length
      ? [...new Set(input.orgIds)]
      : [...new Set([...attending.map((a) => a.org_id), ...passages.flatMap((p) => (p.speakerOrgId ? [p.speakerOrgId] : []))])];
    if (!orgIds.length)
      throw invalid("確認を依頼する団体がありません。団体を選んでください。", [
        { path: "orgIds", message: "団体を選んでください" },
      ]);
    const now = nowIso();
    const review: ReviewRow = {
      id: newId(),
      meeting_id: meetingId,
      revision: latest.revision,
      status: "open",
      deadline: new Date(input.deadline).toISOString(),
      org_ids: JSON.stringify(orgIds),
      created_by: tx.actor.userId,
      created_at: now,
      closed_at: null,
    };
    await insertReview(
      tx,
      review,
      passages.map((p, position) => ({
        id: newId(),
        review_id: review.id,
        position,
        speaker_org_id: p.speakerOrgId,
        text: p.text,
      })),
    );
    await recordAudit(
      tx,
      "minutesReview.start",
      { type: "meeting", id: meetingId },
      { reviewId: review.id, revision: latest.revision, orgIds },
    );
    const name = meetingName(loaded.row, loaded.body.name);
    await notify(tx, {
      orgIds,
      category: "meeting",
      title: `議事録（案）の確認のお願い：${name}`,
      body: `貴団体の発言箇所を御確認のうえ、修正がある場合は${warekiDateTime(review.deadline)}までに御提案ください。`,
      link: `/meetings/${meetingId}/minutes/review`,
    });
    return getReviewState(tx, meetingId);
  });
}

async function loadReview(ctx: Ctx, id: string) {
  const review = await findReviewRow(ctx, id);
  if (!review) throw notFound("議事録の確認");
  let loaded: LoadedMeeting;
  try {
    loaded = await visibleMeeting(ctx, review.meeting_id);
  } catch {
    throw notFound("議事録の確認");
  }
  const manage = manages(ctx, loaded);
  if (!manage && !(ctx.actor && reviewerOrgs(review).includes(ctx.actor.orgId))) throw notFound("議事録の確認");
  return { review, loaded, manage };
}

export async function suggestChange(
  ctx: Ctx,
  reviewId: string,
  passageId: string,
  input: z.infer<typeof suggestionInput>,
): Promise<ReviewState> {
  return inTx(ctx, async (tx) => {
    const { review, loaded } = await loadReview(tx, reviewId);
    authorize(tx.actor, "yearPlan.read");
    const passage = (await listPassageRows(tx, reviewId)).find((p) => p.id === passageId);
    if (!passage) throw notFound("発言箇所");
    if (!reviewerOrgs(review).includes(tx.actor.orgId))
      throw forbidden("この議事録の確認を依頼された団体だけが修正を提案できます。");
    if (passage.speaker_org_id !== tx.actor.orgId)
      throw forbidden("修正を提案できるのは、貴団体の発言として記録された箇所だけです。");
    if (!accepting(review))
      throw conflict(
        review.status === "open"
          ? `確認の期限（${warekiDateTime(review.deadline)}）を過ぎているため、提案できません。事務局に御連絡ください。`
          : "この議事録の確認は終了しています。",
      );
    const orgId = tx.actor.orgId;
    if ((await listAnswerRows(tx, reviewId)).some((a) => a.org_id === orgId))
      throw conflict("貴団体はこの議事録の確認を完了しています。追加の修正は事務局に御連絡ください。");
    if (input.text === passage.text)
      throw invalid("元の文と同じです。修正後の文を入力してください。", [
        { path: "text", message: "元の文から変更してください" },
      ]);
    const id = newId();
    await insertSuggestion(tx, {
      id,
      review_id: reviewId,
      passage_id: passageId,
      org_id: tx.actor.orgId,
      user_id: tx.actor.userId,
      text: input.text,
      note: input.note,
      status: "pending",
      decided_by: null,
      decided_at: null,
      created_at: nowIso(),
    });
    await recordAudit(tx, "minutesReview.suggest", { type: "minutes_suggestion", id }, { reviewId, passageId, text: input.text });
    return getReviewState(tx, loaded.row.id);
  });
}

/** Accepting puts the suggested text into the draft minutes in place of the passage; rejecting keeps the draft. */
export async function decideSuggestion(ctx: Ctx, id: string, input: z.infer<typeof suggestionDecision>): Promise<ReviewState> {
  return inTx(ctx, async (tx) => {
    const s = await findSuggestionRow(tx, id);
    if (!s) throw notFound("修正の提案");
    const { loaded, manage } = await loadReview(tx, s.review_id);
    authorize(tx.actor, "meeting.manage", loaded.subject);
    if (!manage) throw forbidden();
    if (s.status !== "pending") throw conflict("この提案はすでに判断済みです。");
    const passage = (await listPassageRows(tx, s.review_id)).find((p) => p.id === s.passage_id)!;
    const now = nowIso();
    if (input.decision === "accepted") {
      const latest = (await listMinutesRows(tx, loaded.row.id))[0];
      if (latest?.status !== "draft") throw conflict("議事録が作成中ではないため、提案を反映できません。");
      const body = replacePassage(latest.body_md, passage.text, s.text);
      if (body === null)
        throw conflict("この箇所は議事録の編集で変わったため、自動では反映できません。議事録を直接編集してください。");
      await updateMinutesRow(tx, latest.id, { body_md: body, updated_at: now });
      await updatePassageText(tx, passage.id, s.text);
    }
    await updateSuggestionRow(tx, id, { status: input.decision, decided_by: tx.actor.userId, decided_at: now });
    await recordAudit(
      tx,
      "minutesReview.decide",
      { type: "minutes_suggestion", id },
      { decision: input.decision, before: passage.text, after: input.decision === "accepted" ? s.text : passage.text },
    );
    return getReviewState(tx, loaded.row.id);
  });
}

export async function closeReview(ctx: Ctx, reviewId: string): Promise<ReviewState> {
  return inTx(ctx, async (tx) => {
    const { review, loaded } = await loadReview(tx, reviewId);
    authorize(tx.actor, "meeting.manage", loaded.subject);
    if (review.status !== "open") throw conflict("この議事録の確認はすでに終了しています。");
    await updateReviewRow(tx, reviewId, { status: "closed", closed_at: nowIso() });
    await recordAudit(tx, "minutesReview.close", { type: "meeting", id: loaded.row.id }, { reviewId });
    return getReviewState(tx, loaded.row.id);
  });
}

/**
 * A reviewing organisation finishes: 「修正なし」 (it has sent no suggestion) or 「提案を送信して完了」 (it has
 * sent at least one). Once per organisation and review, before the deadline; the secretariat sees who has.
 */
export async function answerReview(ctx: Ctx, reviewId: string, input: z.infer<typeof reviewAnswerInput>): Promise<ReviewState> {
  return inTx(ctx, async (tx) => {
    const { review, loaded } = await loadReview(tx, reviewId);
    authorize(tx.actor, "yearPlan.read");
    const orgId = tx.actor.orgId;
    if (!reviewerOrgs(review).includes(orgId)) throw forbidden("この議事録の確認を依頼された団体だけが回答できます。");
    if (!accepting(review))
      throw conflict(
        review.status === "open"
          ? `確認の期限（${warekiDateTime(review.deadline)}）を過ぎているため、回答できません。事務局に御連絡ください。`
          : "この議事録の確認は終了しています。",
      );
    if ((await listAnswerRows(tx, reviewId)).some((a) => a.org_id === orgId))
      throw conflict("貴団体はこの議事録の確認をすでに完了しています。");
    const sent = (await listSuggestionRows(tx, reviewId)).filter((s) => s.org_id === orgId).length;
    if (input.outcome === "suggested" && !sent)
      throw invalid("まだ修正の提案がありません。修正がない場合は「修正なし」を選んでください。", [
        { path: "outcome", message: "提案を送信してから完了してください" },
      ]);
    if (input.outcome === "no_change" && sent)
      throw invalid("修正の提案を送信済みです。「提案を送信して完了」を選んでください。", [
        { path: "outcome", message: "「提案を送信して完了」を選んでください" },
      ]);
    await insertAnswer(tx, {
      review_id: reviewId,
      org_id: orgId,
      outcome: input.outcome,
      user_id: tx.actor.userId,
      answered_at: nowIso(),
    });
    await recordAudit(tx, "minutesReview.answer", { type: "meeting", id: loaded.row.id }, { reviewId, outcome: input.outcome });
    return getReviewState(tx, loaded.row.id);
  });
}
