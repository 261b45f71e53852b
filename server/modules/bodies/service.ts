import type { z } from "zod";
import {
  type Body,
  type BodyDetail,
  type bodyInput,
  type bodyPatch,
  contactOf,
  type memberInput,
  type memberPatch,
} from "../../../shared/api/bodies.js";
import { diff, recordAudit } from "../../platform/audit/record.js";
import { type Actor, type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { conflict, invalid, notFound } from "../../platform/errors.js";
import { abilities, authorize, can } from "../../platform/policy/authorize.js";
import type { BodySubject } from "./policy.js";
import "./policy.js";
import { type Page, type PageQuery, pageArray } from "../../../shared/api/paging.js";
import {
  type BodyRow,
  deleteMemberRow,
  findBodyRow,
  findMemberCandidates,
  findMemberRow,
  insertBody,
  insertMember,
  listMemberRows,
  type MemberWithNames,
  orgExists,
  standing,
  updateBodyRow,
  updateMemberRow,
  userExists,
} from "./repo.js";
import { bodyStandings } from "./standing.js";

function present(actor: Actor | null, row: BodyRow, subject: BodySubject, memberCount: number): Body {
  return {
    id: row.id,
    kind: row.kind,
    parentId: row.parent_id,
    name: row.name,
    nameEn: row.name_en,
    theme: row.theme,
    description: row.description,
    visibility: row.visibility,
    memberCount,
    myPosition: subject.myPosition as Body["myPosition"],
    abilities: abilities(actor, subject, { canEdit: "body.update", canManageMembers: "body.manageMembers" }),
  };
}

const presentMember = (m: MemberWithNames) => ({
  id: m.id,
  position: m.position,
  org: m.org_id ? { id: m.org_id, name: m.org_name ?? "" } : null,
  user: m.user_id ? { id: m.user_id, name: m.user_name ?? "", orgName: m.user_org_name ?? "" } : null,
  termStart: m.term_start,
  termEnd: m.term_end,
  contact: contactOf(
    m.user_id
      ? {
          department: m.user_department || m.user_org_department || "",
          title: m.user_title ?? "",
          phone: m.user_org_phone ?? "",
          email: m.user_org_email ?? "",
        }
      : { department: m.org_department ?? "", title: "", phone: m.org_phone ?? "", email: m.org_email ?? "" },
  ),
});

/** The bodies the actor may see: open ones, and members-only ones they belong to. */
export async function visibleBodyList(ctx: Ctx): Promise<Body[]> {
  const items: Body[] = [];
  for (const b of await bodyStandings(ctx))
    if (can(ctx.actor, "body.read", b.subject)) items.push(present(ctx.actor, b.row, b.subject, b.memberCount));
  return items;
}

export async function listBodies(ctx: Ctx, q: PageQuery): Promise<Page<Body>> {
  return pageArray(await visibleBodyList(ctx), q);
}

/** Loads a body the actor may see, or 404. Other modules use it to check access to a body's things. */
export async function visibleBody(ctx: Ctx, id: string) {
  const row = await findBodyRow(ctx, id);
  if (!row) throw notFound("会議体");
  const members = await listMemberRows(ctx, [id]);
  const subject = { visibility: row.visibility, ...standing(ctx.actor, members) };
  if (!can(ctx.actor, "body.read", subject)) throw notFound("会議体");
  return { row, members, subject };
}

export async function getBody(ctx: Ctx, id: string): Promise<BodyDetail> {
  const { row, members, subject } = await visibleBody(ctx, id);
  return { ...present(ctx.actor, row, subject, members.length), members: members.map(presentMember) };
}

async function checkParent(ctx: Ctx, parentId: string | null | undefined, selfId?: string) {
  if (!parentId) return;
  if (parentId === selfId)
    throw invalid("親の会議体に自分自身は選べません。", [{ path: "parentId", message: "別の会議体を選んでください" }]);
  if (!(await findBodyRow(ctx, parentId)))
    throw invalid("親の会議体が見つかりません。", [{ path: "parentId", message: "会議体を選び直してください" }]);
}

export async function createBody(ctx: Ctx, input: z.infer<typeof bodyInput>): Promise<BodyDetail> {
  authorize(ctx.actor, "body.create");
  return inTx(ctx, async (tx) => {
    await checkParent(tx, input.parentId);
    const now = nowIso();
    const id = newId();
    await insertBody(tx, {
      id,
      kind: input.kind,
      parent_id: input.parentId ?? null,
      name: input.name,
      name_en: input.nameEn ?? null,
      theme: input.theme ?? null,
      description: input.description,
      visibility: input.visibility,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(tx, "body.create", { type: "body", id }, { after: input });
    return getBody(tx, id);
  });
}

export async function updateBody(ctx: Ctx, id: string, patch: z.infer<typeof bodyPatch>): Promise<BodyDetail> {
  return inTx(ctx, async (tx) => {
    const { row, subject } = await visibleBody(tx, id);
    authorize(tx.actor, "body.update", subject);
    await checkParent(tx, patch.parentId, id);
    const next: Partial<BodyRow> = {
      kind: patch.kind,
      parent_id: patch.parentId,
      name: patch.name,
      name_en: patch.nameEn,
      theme: patch.theme,
      description: patch.description,
      visibility: patch.visibility,
    };
    await updateBodyRow(tx, id, { ...next, updated_at: nowIso() });
    await recordAudit(tx, "body.update", { type: "body", id }, diff(row, next));
    return getBody(tx, id);
  });
}

export async function addMember(ctx: Ctx, bodyId: string, input: z.infer<typeof memberInput>): Promise<BodyDetail> {
  return inTx(ctx, async (tx) => {
    const { members, subject } = await visibleBody(tx, bodyId);
    authorize(tx.actor, "body.manageMembers", subject);
    if (input.orgId && !(await orgExists(tx, input.orgId)))
      throw invalid("団体が見つかりません。", [{ path: "orgId", message: "団体を選び直してください" }]);
    if (input.userId && !(await userExists(tx, input.userId)))
      throw invalid("ユーザーが見つかりません。", [{ path: "userId", message: "ユーザーを選び直してください" }]);
    if (members.some((m) => (input.orgId && m.org_id === input.orgId) || (input.userId && m.user_id === input.userId)))
      throw conflict("すでにこの会議体の構成員です。役職を変える場合は構成員の編集から行ってください。");
    const id = newId();
    await insertMember(tx, {
      id,
      body_id: bodyId,
      org_id: input.orgId ?? null,
      user_id: input.userId ?? null,
      position: input.position,
      term_start: input.termStart ?? null,
      term_end: input.termEnd ?? null,
      created_at: nowIso(),
    });
    await recordAudit(tx, "body.addMember", { type: "body", id: bodyId }, { memberId: id, ...input });
    return getBody(tx, bodyId);
  });
}

export async function updateMember(ctx: Ctx, bodyId: string, memberId: string, patch: z.infer<typeof memberPatch>) {
  return inTx(ctx, async (tx) => {
    const { subject } = await visibleBody(tx, bodyId);
    const before = await findMemberRow(tx, bodyId, memberId);
    if (!before) throw notFound("構成員");
    authorize(tx.actor, "body.manageMembers", subject);
    const next = { position: patch.position, term_start: patch.termStart, term_end: patch.termEnd };
    const start = next.term_start !== undefined ? next.term_start : before.term_start;
    const end = next.term_end !== undefined ? next.term_end : before.term_end;
    if (start && end && start > end)
      throw invalid("任期の終了日は開始日以降にしてください。", [{ path: "termEnd", message: "開始日以降の日付にしてください" }]);
    await updateMemberRow(tx, memberId, next);
    await recordAudit(tx, "body.updateMember", { type: "body", id: bodyId }, { memberId, ...diff(before, next) });
    return getBody(tx, bodyId);
  });
}

export async function removeMember(ctx: Ctx, bodyId: string, memberId: string) {
  return inTx(ctx, async (tx) => {
    const { subject } = await visibleBody(tx, bodyId);
    const before = await findMemberRow(tx, bodyId, memberId);
    if (!before) throw notFound("構成員");
    authorize(tx.actor, "body.manageMembers", subject);
    await deleteMemberRow(tx, memberId);
    await recordAudit(
      tx,
      "body.removeMember",
      { type: "body", id: bodyId },
      { memberId, orgId: before.org_id, userId: before.user_id },
    );
    return getBody(tx, bodyId);
  });
}

/** People a body's manager may add as personal members (a narrow lookup, not the user admin list). */
export async function memberCandidates(ctx: Ctx, bodyId: string, q: string) {
  const { subject } = await visibleBody(ctx, bodyId);
  authorize(ctx.actor, "body.manageMembers", subject);
  const rows = await findMemberCandidates(ctx, q);
  return { items: rows.map((r) => ({ id: r.id, name: r.name, email: r.email, orgName: r.org_name })) };
}
