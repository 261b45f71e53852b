import type { Actor, Ctx } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { can } from "../../platform/policy/authorize.js";
import { visibleBodyList } from "../bodies/service.js";
import type { NoticeSubject } from "./policy.js";
import "./policy.js";
import { findNoticeRow, type NoticeRow } from "./repo.js";

/** The bodies the actor may see and the ones they run (chair/secretariat in person, or the council secretariat). */
export async function bodyStanding(ctx: Ctx) {
  const items = await visibleBodyList(ctx);
  return {
    visible: new Map(items.map((b) => [b.id, b.name])),
    runs: new Set(items.filter((b) => b.abilities.canManageMembers).map((b) => b.id)),
  };
}
export type BodyStanding = Awaited<ReturnType<typeof bodyStanding>>;

export function noticeSubject(row: Pick<NoticeRow, "status" | "required" | "body_id">, standing: BodyStanding): NoticeSubject {
  return {
    status: row.status,
    required: row.required === 1,
    bodyVisible: !row.body_id || standing.visible.has(row.body_id),
    runsBody: !!row.body_id && standing.runs.has(row.body_id),
  };
}

/** Loads a notice the actor may read, or 404 (a draft or a private body's notice does not exist for others). */
export async function visibleNotice(ctx: Ctx, id: string) {
  const row = await findNoticeRow(ctx, id);
  if (!row) throw notFound("お知らせ");
  const standing = await bodyStanding(ctx);
  const subject = noticeSubject(row, standing);
  if (!can(ctx.actor, "notice.read", subject)) throw notFound("お知らせ");
  return { row, subject, standing };
}

export const runsCouncil = (a: Actor | null) => !!a && (a.role === "admin" || a.role === "secretariat");
