import type { z } from "zod";
import {
  type agendaLinkInput,
  challengeStatusLabels,
  type commentInput,
  type statusInput,
} from "../../../shared/api/challenges.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { conflict, notFound } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import { proposeAgendaItem } from "../meetings/index.js";
import { notify } from "../notifications/service.js";
import { findOrgRow } from "../orgs/index.js";
import { visibleChallenge } from "./access.js";
import {
  type ChallengeRow,
  deleteCommentRow,
  deleteShare,
  findComment,
  findShare,
  insertComment,
  insertShare,
  listShareRows,
  refreshShareCount,
  updateChallengeRow,
} from "./repo.js";
import { indexChallenge } from "./search-hook.js";
import { getChallenge } from "./service.js";

/** The poster and every organisation that shares the challenge, minus the one acting. */
async function followers(ctx: Ctx, row: ChallengeRow) {
  const orgs = new Set([row.org_id, ...(await listShareRows(ctx, row.id)).map((s) => s.org_id)]);
  if (ctx.actor) orgs.delete(ctx.actor.orgId);
  return [...orgs];
}

/** An organisation that must exist (a user's or a challenge's own). */
async function orgOf(ctx: Ctx, id: string) {
  const org = await findOrgRow(ctx, id);
  if (!org) throw new Error(`organisation ${id} not found`);
  return org;
}

/** "We have this too": one mark per organisation; the poster is told who else is stuck on it. */
export async function shareChallenge(ctx: Ctx, id: string, note: string) {
  return inTx(ctx, async (tx) => {
    const { row, subject } = await visibleChallenge(tx, id);
    authorize(tx.actor, "challenge.share", subject);
    const existing = await findShare(tx, id, tx.actor.orgId);
    if (existing) throw conflict("貴団体はすでに「うちも同じ」を表明しています。");
    await insertShare(tx, { challenge_id: id, org_id: tx.actor.orgId, user_id: tx.actor.userId, note, created_at: nowIso() });
    await refreshShareCount(tx, id);
    await updateChallengeRow(tx, id, { updated_at: nowIso() });
    await recordAudit(tx, "challenge.share", { type: "challenge", id }, { note });
    const org = await orgOf(tx, tx.actor.orgId);
    await notify(tx, {
      orgIds: [row.org_id],
      category: "challenge",
      title: `${org.name}も「${row.title}」を抱えています`,
      body: `${org.name}が、貴団体の課題に「うちも同じ」を表明しました。${note ? `\n\n${note}` : ""}`,
      link: `/challenges/${id}`,
    });
    return getChallenge(tx, id);
  });
}

export async function unshareChallenge(ctx: Ctx, id: string) {
  return inTx(ctx, async (tx) => {
    const { subject } = await visibleChallenge(tx, id);
    authorize(tx.actor, "challenge.share", subject);
    if (!(await deleteShare(tx, id, tx.actor.orgId))) throw notFound("「うちも同じ」の表明");
    await refreshShareCount(tx, id);
    await recordAudit(tx, "challenge.unshare", { type: "challenge", id });
    return getChallenge(tx, id);
  });
}

export async function addComment(ctx: Ctx, id: string, input: z.infer<typeof commentInput>) {
  return inTx(ctx, async (tx) => {
    const { row, subject } = await visibleChallenge(tx, id);
    authorize(tx.actor, "challenge.comment", subject);
    const now = nowIso();
    const commentId = newId();
    await insertComment(tx, {
      id: commentId,
      challenge_id: id,
      kind: input.kind,
      body_md: input.bodyMd,
      user_id: tx.actor.userId,
      org_id: tx.actor.orgId,
      created_at: now,
      updated_at: now,
    });
    await updateChallengeRow(tx, id, { updated_at: now });
    await recordAudit(
      tx,
      input.kind === "solution" ? "challenge.shareSolution" : "challenge.comment",
      { type: "challenge", id },
      { commentId },
    );
    await indexChallenge(tx, id);
    await notify(tx, {
      orgIds: await followers(tx, row),
      category: "challenge",
      title: `${input.kind === "solution" ? "解決事例が共有されました" : "コメントがありました"}：${row.title}`,
      body: input.bodyMd.slice(0, 500),
      link: `/challenges/${id}`,
    });
    return getChallenge(tx, id);
  });
}

export async function deleteComment(ctx: Ctx, id: string, commentId: string) {
  return inTx(ctx, async (tx) => {
    const { subject } = await visibleChallenge(tx, id);
    authorize(tx.actor, "challenge.comment", subject);
    const c = await findComment(tx, id, commentId);
    if (!c) throw notFound("コメント");
    authorize(tx.actor, "challenge.deleteComment", { ...subject, ownComment: c.user_id === tx.actor.userId });
    await deleteCommentRow(tx, commentId);
    await recordAudit(tx, "challenge.deleteComment", { type: "challenge", id }, { commentId, by: c.user_id });
    await indexChallenge(tx, id);
    return getChallenge(tx, id);
  });
}

/** The secretariat moves the challenge along: open → taken up by a working group → resolved (with a summary). */
export async function setStatus(ctx: Ctx, id: string, input: z.infer<typeof statusInput>) {
  return inTx(ctx, async (tx) => {
    const { row, subject } = await visibleChallenge(tx, id);
    authorize(tx.actor, "challenge.setStatus", subject);
    const resolution = input.status === "resolved" ? (input.resolution ?? null) : row.resolution;
    await updateChallengeRow(tx, id, { status: input.status, resolution, updated_at: nowIso() });
    await recordAudit(tx, "challenge.setStatus", { type: "challenge", id }, { status: [row.status, input.status], resolution });
    await indexChallenge(tx, id);
    await notify(tx, {
      orgIds: await followers(tx, row),
      category: "challenge",
      title: `課題の状況が「${challengeStatusLabels[input.status].ja}」になりました：${row.title}`,
      body:
        input.status === "resolved" && resolution ? `解決の要約：\n${resolution}` : `「${row.title}」の状況が更新されました。`,
      link: `/challenges/${id}`,
    });
    return getChallenge(tx, id);
  });
}

/**
 * Proposes the challenge as an agenda item of a meeting (through the meetings module, which checks
 * the meeting is visible and still takes proposals), and marks the challenge as taken up.
 */
export async function linkToMeeting(ctx: Ctx, id: string, input: z.infer<typeof agendaLinkInput>) {
  return inTx(ctx, async (tx) => {
    const { row, subject } = await visibleChallenge(tx, id);
    authorize(tx.actor, "challenge.linkMeeting", subject);
    if (row.meeting_id === input.meetingId) throw conflict("この課題はすでにその会議の議題として提案されています。");
    const org = await orgOf(tx, row.org_id);
    const item = await proposeAgendaItem(
      tx,
      input.meetingId,
      {
        title: `課題共有：${row.title}`,
        purpose: input.purpose || `${org.name}ほか${row.share_count}団体が抱える課題（課題共有ボードより）`,
        minutesRequested: 15,
      },
      { sourceRef: `challenge:${id}` },
    );
    const status = row.status === "open" ? "taken_up" : row.status;
    await updateChallengeRow(tx, id, { meeting_id: input.meetingId, agenda_item_id: item.id, status, updated_at: nowIso() });
    await recordAudit(
      tx,
      "challenge.linkMeeting",
      { type: "challenge", id },
      { meetingId: input.meetingId, agendaItemId: item.id },
    );
    await indexChallenge(tx, id);
    return getChallenge(tx, id);
  });
}
