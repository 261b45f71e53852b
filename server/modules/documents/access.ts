import type { Ctx } from "../../platform/context.js";
import { invalid, notFound } from "../../platform/errors.js";
import { can } from "../../platform/policy/authorize.js";
import { visibleBodyList } from "../bodies/service.js";
import type { AreaSubject, DocumentSubject } from "./policy.js";
import "./policy.js";
import { findDocumentRow } from "./repo.js";

export const sharedAreaName = "共有";

/** The bodies the actor sees, runs and belongs to (bodies are few; visibleBodyList applies body.read). */
export async function libraryStanding(ctx: Ctx) {
  const items = await visibleBodyList(ctx);
  return {
    names: new Map(items.map((b) => [b.id, b.name])),
    runs: new Set(items.filter((b) => b.abilities.canManageMembers).map((b) => b.id)),
    member: new Set(items.filter((b) => b.myPosition).map((b) => b.id)),
  };
}
export type LibraryStanding = Awaited<ReturnType<typeof libraryStanding>>;

export function areaSubject(bodyId: string | null, s: LibraryStanding, ctx: Ctx): AreaSubject {
  const council = ctx.actor?.role === "admin" || ctx.actor?.role === "secretariat";
  if (!bodyId) return { shared: true, visible: true, runs: council, member: false };
  return { shared: false, visible: s.names.has(bodyId), runs: s.runs.has(bodyId), member: s.member.has(bodyId) };
}

/** Resolves "shared" or a body id to an area the actor may see; an invisible body is reported as not found. */
export async function visibleArea(ctx: Ctx, area: string) {
  const standing = await libraryStanding(ctx);
  const bodyId = area === "shared" ? null : area;
  const subject = areaSubject(bodyId, standing, ctx);
  if (!subject.visible) throw invalid("会議体が見つかりません。", [{ path: "area", message: "保存先を選び直してください" }]);
  return { bodyId, subject, standing, name: bodyId ? standing.names.get(bodyId)! : sharedAreaName };
}

/** Loads a document the actor may see (its body's visibility), or 404. */
export async function visibleDocument(ctx: Ctx, id: string) {
  const row = await findDocumentRow(ctx, id);
  if (!row) throw notFound("資料");
  const standing = await libraryStanding(ctx);
  const subject: DocumentSubject = { ...areaSubject(row.body_id, standing, ctx), ownOrg: row.org_id === ctx.actor?.orgId };
  if (!can(ctx.actor, "document.read", subject)) throw notFound("資料");
  return { row, subject, standing };
}
