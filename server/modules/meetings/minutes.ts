import type { z } from "zod";
import type { correctionInput, minutesInput, minutesView } from "../../../shared/api/meetings.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { conflict, invalid, notFound } from "../../platform/errors.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { renderMarkdown } from "../../platform/text/markdown.js";
import { notify } from "../notifications/service.js";
import { type LoadedMeeting, visibleMeeting } from "./access.js";
import { recipients } from "./meetings.js";
import { meetingName } from "./naming.js";
import { disclosed, disclosedAgenda } from "./present.js";
import { listAgendaRows, updateMeetingRow } from "./repo.js";
import { insertMinutes, listMinutesRows, type MinutesRow, updateMinutesRow } from "./repo-follow.js";
import { indexMeeting } from "./search-hook.js";

type View = z.infer<typeof minutesView>;

const present = (r: MinutesRow) => ({
  revision: r.revision,
  status: r.status,
  bodyMd: r.body_md,
  html: renderMarkdown(r.body_md),
  outcomes: JSON.parse(r.outcomes) as Record<string, string>,
  correctionReason: r.correction_reason,
  approvedAt: r.approved_at,
  publishedAt: r.published_at,
  updatedAt: r.updated_at,
});

/** The meeting whose minutes the actor may read: 委員限り minutes are the body's members' only (404 for others). */
async function readableMinutesMeeting(ctx: Ctx, meetingId: string) {
  const loaded = await visibleMeeting(ctx, meetingId);
  if (!disclosed(ctx.actor, loaded.subject, { disclosure: loaded.row.minutes_disclosure })) throw notFound("議事録");
  return loaded;
}

/** The agenda items of the meeting the actor may not see (委員限り for a non-member): their outcomes are left out. */
async function hiddenItemIds(ctx: Ctx, loaded: LoadedMeeting) {
  const agenda = await listAgendaRows(ctx, loaded.row.id);
  const seen = new Set(disclosedAgenda(ctx.actor, loaded.subject, agenda).map((a) => a.id));
  return new Set(agenda.filter((a) => !seen.has(a.id)).map((a) => a.id));
}
const withoutHiddenOutcomes = <V extends { outcomes: Record<string, string> }>(v: V, hidden: Set<string>): V =>
  hidden.size ? { ...v, outcomes: Object.fromEntries(Object.entries(v.outcomes).filter(([id]) => !hidden.has(id))) } : v;

const afterHeld = (l: LoadedMeeting) => l.row.status === "held" || l.row.status === "minutes_published";

/** The minutes: managers see the working revision; everyone else only what was published. History lists every revision they may see. */
export async function getMinutes(ctx: Ctx, meetingId: string): Promise<View> {
  const loaded = await readableMinutesMeeting(ctx, meetingId);
  const manage = can(ctx.actor, "meeting.manage", loaded.subject);
  const rows = (await listMinutesRows(ctx, meetingId)).filter((r) => manage || r.status === "published");
  const latest = rows[0];
  const live = afterHeld(loaded);
  return {
    current: latest ? withoutHiddenOutcomes(present(latest), await hiddenItemIds(ctx, loaded)) : null,
    history: rows.map((r) => ({
      revision: r.revision,
      status: r.status,
      correctionReason: r.correction_reason,
      approvedAt: r.approved_at,
      publishedAt: r.published_at,
      updatedAt: r.updated_at,
    })),
    abilities: {
      canEdit: live && manage && latest?.status !== "published",
      canApprove: live && can(ctx.actor, "meeting.approveMinutes", loaded.subject) && latest?.status === "draft",
      canPublish: live && manage && latest?.status === "approved",
      canCorrect: live && manage && latest?.status === "published",
    },
  };
}

export async function getMinutesRevision(ctx: Ctx, meetingId: string, revision: number) {
  const loaded = await readableMinutesMeeting(ctx, meetingId);
  const manage = can(ctx.actor, "meeting.manage", loaded.subject);
  const row = (await listMinutesRows(ctx, meetingId)).find((r) => r.revision === revision);
  if (!row || (!manage && row.status !== "published")) throw notFound("議事録の版");
  return withoutHiddenOutcomes(present(row), await hiddenItemIds(ctx, loaded));
}

async function load(ctx: Ctx, meetingId: string) {
  const loaded = await visibleMeeting(ctx, meetingId);
  const latest = (await listMinutesRows(ctx, meetingId))[0];
  return { loaded, latest };
}

function requireHeld(l: LoadedMeeting) {
  if (!afterHeld(l)) throw conflict("議事録は会議を開催済みにしてから作成してください。");
}

/** Saves the working revision (creating revision 1). Editing approved minutes sends them back for approval. */
export async function saveMinutes(ctx: Ctx, meetingId: string, input: z.infer<typeof minutesInput>): Promise<View> {
  return inTx(ctx, async (tx) => {
    const { loaded, latest } = await load(tx, meetingId);
    authorize(tx.actor, "meeting.manage", loaded.subject);
    requireHeld(loaded);
    if (latest?.status === "published")
      throw conflict("公開済みの議事録は編集できません。訂正する場合は「訂正版を作成」してください。");
    const accepted = new Set((await listAgendaRows(tx, meetingId)).filter((a) => a.status === "accepted").map((a) => a.id));
    const stray = Object.keys(input.outcomes).filter((id) => !accepted.has(id));
    if (stray.length)
      throw invalid(
        "決定事項は、この会議で採択された議題にだけ記録できます。",
        stray.map((id) => ({ path: `outcomes.${id}`, message: "この会議の議題ではありません" })),
      );
    const now = nowIso();
    const outcomes = JSON.stringify(Object.fromEntries(Object.entries(input.outcomes).filter(([, v]) => v.trim())));
    if (!latest) {
      const row: MinutesRow = {
        id: newId(),
        meeting_id: meetingId,
        revision: 1,
        body_md: input.bodyMd,
        outcomes,
        status: "draft",
        correction_reason: null,
        approved_by: null,
        approved_at: null,
        published_by: null,
        published_at: null,
        created_by: tx.actor.userId,
        created_at: now,
        updated_at: now,
      };
      await insertMinutes(tx, row);
    } else {
      await updateMinutesRow(tx, latest.id, {
        body_md: input.bodyMd,
        outcomes,
        status: "draft",
        approved_by: null,
        approved_at: null,
        updated_at: now,
      });
    }
    await recordAudit(
      tx,
      "minutes.save",
      { type: "meeting", id: meetingId },
      {
        revision: latest?.revision ?? 1,
        length: input.bodyMd.length,
        approvalReset: latest?.status === "approved",
      },
    );
    return getMinutes(tx, meetingId);
  });
}

export async function approveMinutes(ctx: Ctx, meetingId: string): Promise<View> {
  return inTx(ctx, async (tx) => {
    const { loaded, latest } = await load(tx, meetingId);
    authorize(tx.actor, "meeting.approveMinutes", loaded.subject);
    requireHeld(loaded);
    if (latest?.status !== "draft")
      throw conflict(latest ? "承認待ちの議事録はありません。" : "議事録がまだ作成されていません。");
    await updateMinutesRow(tx, latest.id, {
      status: "approved",
      approved_by: tx.actor.userId,
      approved_at: nowIso(),
      updated_at: nowIso(),
    });
    await recordAudit(tx, "minutes.approve", { type: "meeting", id: meetingId }, { revision: latest.revision });
    return getMinutes(tx, meetingId);
  });
}

/** Publishes the approved revision: read-only from now on; members are notified. */
export async function publishMinutes(ctx: Ctx, meetingId: string): Promise<View> {
  return inTx(ctx, async (tx) => {
    const { loaded, latest } = await load(tx, meetingId);
    authorize(tx.actor, "meeting.manage", loaded.subject);
    requireHeld(loaded);
    if (latest?.status !== "approved") throw conflict("公開する前に座長の承認が必要です。");
    const now = nowIso();
    await updateMinutesRow(tx, latest.id, {
      status: "published",
      published_by: tx.actor.userId,
      published_at: now,
      updated_at: now,
    });
    if (loaded.row.status !== "minutes_published")
      await updateMeetingRow(tx, meetingId, { status: "minutes_published", updated_at: now });
    await recordAudit(tx, "minutes.publish", { type: "meeting", id: meetingId }, { revision: latest.revision });
    const after = await visibleMeeting(tx, meetingId);
    const name = meetingName(after.row, after.body.name);
    await notify(tx, {
      ...recipients(after),
      category: "meeting",
      title:
        latest.revision > 1 ? `議事録（訂正版 第${latest.revision}版）を公開しました：${name}` : `議事録を公開しました：${name}`,
      body: latest.correction_reason ? `訂正の理由：${latest.correction_reason}` : "決定事項と対応事項をご確認ください。",
      link: `/meetings/${meetingId}/minutes`,
    });
    await indexMeeting(tx, after);
    return getMinutes(tx, meetingId);
  });
}

/** A correction: a new draft revision from the published one; the published history stays visible. */
export async function correctMinutes(ctx: Ctx, meetingId: string, input: z.infer<typeof correctionInput>): Promise<View> {
  return inTx(ctx, async (tx) => {
    const { loaded, latest } = await load(tx, meetingId);
    authorize(tx.actor, "meeting.manage", loaded.subject);
    if (latest?.status !== "published") throw conflict("訂正版は公開済みの議事録からだけ作成できます。");
    const now = nowIso();
    await insertMinutes(tx, {
      ...latest,
      id: newId(),
      revision: latest.revision + 1,
      status: "draft",
      correction_reason: input.reason,
      approved_by: null,
      approved_at: null,
      published_by: null,
      published_at: null,
      created_by: tx.actor.userId,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(
      tx,
      "minutes.correct",
      { type: "meeting", id: meetingId },
      { revision: latest.revision + 1, reason: input.reason },
    );
    return getMinutes(tx, meetingId);
  });
}
