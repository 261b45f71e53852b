import type { z } from "zod";
import type { ChallengeDetail, challengeInput, challengePatch, challengeQuery } from "../../../shared/api/challenges.js";
import { diff, recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { invalid } from "../../platform/errors.js";
import { authorize, can } from "../../platform/policy/authorize.js";
import { renderMarkdown } from "../../platform/text/markdown.js";
import { findUser } from "../users/index.js";
import { visibleBodyNames, visibleChallenge } from "./access.js";
import { presentChallenge } from "./present.js";
import {
  type ChallengeRow,
  deleteChallengeRow,
  insertChallenge,
  listChallengeAttachments,
  listChallengeRows,
  listCommentRows,
  listShareRows,
  listThemes,
  updateChallengeRow,
} from "./repo.js";
import { indexChallenge } from "./search-hook.js";

export async function listChallenges(ctx: Ctx, q: z.infer<typeof challengeQuery>) {
  authorize(ctx.actor, "challenge.list");
  const bodies = await visibleBodyNames(ctx);
  const { rows, total } = await listChallengeRows(ctx, ctx.actor.orgId, { ...q, visibleBodies: [...bodies.keys()] }, q);
  return {
    items: rows.map((r) => presentChallenge(ctx, r, bodies)),
    total,
    abilities: { canCreate: can(ctx.actor, "challenge.create") },
  };
}

export async function challengeThemes(ctx: Ctx) {
  authorize(ctx.actor, "challenge.list");
  const rows = await listThemes(ctx, [...(await visibleBodyNames(ctx)).keys()]);
  return { items: rows.map((r) => ({ theme: r.theme!, count: Number(r.count) })) };
}

export async function getChallenge(ctx: Ctx, id: string): Promise<ChallengeDetail> {
  const { row, bodies, subject } = await visibleChallenge(ctx, id);
  const [{ rows }, shares, comments, attachments, author] = await Promise.all([
    listChallengeRows(
      ctx,
      ctx.actor!.orgId,
      { visibleBodies: [...bodies.keys()], ids: [id] },
      { sort: "updated", limit: 1, offset: 0 },
    ),
    listShareRows(ctx, id),
    listCommentRows(ctx, id),
    listChallengeAttachments(ctx, id),
    findUser(ctx, row.created_by),
  ]);
  return {
    ...presentChallenge(ctx, rows[0]!, bodies),
    description: row.description,
    descriptionHtml: renderMarkdown(row.description),
    resolution: row.resolution,
    author: { name: author!.name },
    shares: shares.map((s) => ({ org: { id: s.org_id, name: s.org_name }, note: s.note, createdAt: s.created_at })),
    comments: comments.map((c) => ({
      id: c.id,
      kind: c.kind,
      bodyHtml: renderMarkdown(c.body_md),
      author: { name: c.user_name, orgName: c.org_name },
      createdAt: c.created_at,
      canDelete: can(ctx.actor, "challenge.deleteComment", { ...subject, ownComment: c.user_id === ctx.actor?.userId }),
    })),
    attachments: attachments.map((a) => ({ ...a, previewable: a.mime === "application/pdf" || a.mime.startsWith("image/") })),
    agendaItemId: row.agenda_item_id,
  };
}

async function checkBody(ctx: Ctx, bodyId: string | null | undefined) {
  if (bodyId && !(await visibleBodyNames(ctx)).has(bodyId))
    throw invalid("会議体が見つかりません。", [{ path: "bodyId", message: "ワーキンググループを選び直してください" }]);
}

export async function createChallenge(ctx: Ctx, input: z.infer<typeof challengeInput>): Promise<ChallengeDetail> {
  authorize(ctx.actor, "challenge.create");
  return inTx(ctx, async (tx) => {
    await checkBody(tx, input.bodyId);
    const now = nowIso();
    const id = newId();
    await insertChallenge(tx, {
      id,
      org_id: tx.actor!.orgId,
      created_by: tx.actor!.userId,
      title: input.title,
      description: input.description,
      theme: input.theme,
      body_id: input.bodyId,
      status: "open",
      resolution: null,
      meeting_id: null,
      agenda_item_id: null,
      share_count: 0,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(tx, "challenge.create", { type: "challenge", id }, { after: input });
    await indexChallenge(tx, id);
    return getChallenge(tx, id);
  });
}

export async function updateChallenge(ctx: Ctx, id: string, patch: z.infer<typeof challengePatch>): Promise<ChallengeDetail> {
  return inTx(ctx, async (tx) => {
    const { row, subject } = await visibleChallenge(tx, id);
    authorize(tx.actor, "challenge.edit", subject);
    if (patch.bodyId !== undefined) await checkBody(tx, patch.bodyId);
    const next: Partial<ChallengeRow> = {
      title: patch.title,
      description: patch.description,
      theme: patch.theme,
      body_id: patch.bodyId,
    };
    await updateChallengeRow(tx, id, { ...next, updated_at: nowIso() });
    await recordAudit(tx, "challenge.update", { type: "challenge", id }, diff(row, next));
    await indexChallenge(tx, id);
    return getChallenge(tx, id);
  });
}

export async function deleteChallenge(ctx: Ctx, id: string) {
  return inTx(ctx, async (tx) => {
    const { row, subject } = await visibleChallenge(tx, id);
    authorize(tx.actor, "challenge.edit", subject);
    await deleteChallengeRow(tx, id);
    await recordAudit(tx, "challenge.delete", { type: "challenge", id }, { title: row.title, orgId: row.org_id });
    await indexChallenge(tx, id);
    return { ok: true as const };
  });
}
