import { jstDate } from "../../../shared/dates/jst.js";
import type { Actor, Ctx } from "../../platform/context.js";
import { contains } from "../../platform/db/contains.js";
import type { BodiesTable, BodyMembersTable } from "../../platform/db/schema.js";

export type BodyRow = BodiesTable;
export type MemberRow = BodyMembersTable;

export const listBodyRows = (ctx: Ctx) =>
  ctx.db
    .selectFrom("bodies")
    .selectAll()
    .orderBy((eb) =>
      eb
        .case()
        .when("kind", "=", "hq")
        .then(0)
        .when("kind", "=", "council")
        .then(1)
        .when("kind", "=", "working_group")
        .then(2)
        .else(3)
        .end(),
    )
    .orderBy("created_at")
    .execute();

export const findBodyRow = (ctx: Ctx, id: string) =>
  ctx.db.selectFrom("bodies").selectAll().where("id", "=", id).executeTakeFirst();

/** Current members (term not ended) with their organisation or person. */
export const listMemberRows = (ctx: Ctx, bodyIds: string[]) =>
  bodyIds.length === 0
    ? Promise.resolve([])
    : ctx.db
        .selectFrom("body_members as m")
        .leftJoin("orgs as o", "o.id", "m.org_id")
        .leftJoin("users as u", "u.id", "m.user_id")
        .leftJoin("orgs as uo", "uo.id", "u.org_id")
        .leftJoin("org_contacts as oc", "oc.org_id", "m.org_id")
        .leftJoin("org_contacts as uoc", "uoc.org_id", "u.org_id")
        .selectAll("m")
        .select([
          "o.name as org_name",
          "o.lg_code as org_code",
          "u.name as user_name",
          "u.org_id as user_org_id",
          "uo.name as user_org_name",
          // Contacts (issue 15): a person's department and title, and their organisation's phone and e-mail.
          "u.department as user_department",
          "u.title as user_title",
          "oc.department as org_department",
          "oc.phone as org_phone",
          "oc.email as org_email",
          "uoc.department as user_org_department",
          "uoc.phone as user_org_phone",
          "uoc.email as user_org_email",
        ])
        .where("m.body_id", "in", bodyIds)
        .where((eb) => eb.or([eb("m.term_end", "is", null), eb("m.term_end", ">=", jstDate())]))
        .orderBy((eb) =>
          eb
            .case()
            .when("m.position", "=", "chair")
            .then(0)
            .when("m.position", "=", "vice_chair")
            .then(1)
            .when("m.position", "=", "member")
            .then(2)
            .when("m.position", "=", "secretariat")
            .then(3)
            .else(4)
            .end(),
        )
        .orderBy("o.lg_code")
        .orderBy("u.name")
        .execute();

const current = (eb: any) => eb.or([eb("term_end", "is", null), eb("term_end", ">=", jstDate())]);

/** Every current membership, without names (the in-memory standing of bodies/standing.ts). */
export const currentMemberships = (ctx: Ctx) =>
  ctx.db.selectFrom("body_members").select(["body_id", "org_id", "user_id", "position"]).where(current).execute();

export type MemberWithNames = Awaited<ReturnType<typeof listMemberRows>>[number];

/** The actor's positions in each body: personal, or through their organisation. */
export function standing(actor: Actor | null, members: Pick<MemberWithNames, "org_id" | "user_id" | "position">[]) {
  const personal = members.find((m) => m.user_id && m.user_id === actor?.userId)?.position ?? null;
  const viaOrg = members.find((m) => m.org_id && m.org_id === actor?.orgId)?.position ?? null;
  return { myPosition: personal ?? viaOrg, myPersonalPosition: personal };
}

export async function insertBody(ctx: Ctx, row: BodyRow) {
  await ctx.db.insertInto("bodies").values(row).execute();
}
export async function updateBodyRow(ctx: Ctx, id: string, patch: Partial<BodyRow>) {
  await ctx.db.updateTable("bodies").set(patch).where("id", "=", id).execute();
}
export async function insertMember(ctx: Ctx, row: MemberRow) {
  await ctx.db.insertInto("body_members").values(row).execute();
}
export const findMemberRow = (ctx: Ctx, bodyId: string, id: string) =>
  ctx.db.selectFrom("body_members").selectAll().where("id", "=", id).where("body_id", "=", bodyId).executeTakeFirst();
export async function updateMemberRow(ctx: Ctx, id: string, patch: Partial<MemberRow>) {
  await ctx.db.updateTable("body_members").set(patch).where("id", "=", id).execute();
}
export async function deleteMemberRow(ctx: Ctx, id: string) {
  await ctx.db.deleteFrom("body_members").where("id", "=", id).execute();
}

/** Whether the organisation and the user a new member names exist. */
export const orgExists = async (ctx: Ctx, id: string) =>
  !!(await ctx.db.selectFrom("orgs").select("id").where("id", "=", id).executeTakeFirst());
export const userExists = async (ctx: Ctx, id: string) =>
  !!(await ctx.db.selectFrom("users").select("id").where("id", "=", id).executeTakeFirst());

/** Active people whose name, e-mail or organisation contains `q` (the first 20, by organisation and name). */
export const findMemberCandidates = (ctx: Ctx, q: string) =>
  ctx.db
    .selectFrom("users")
    .innerJoin("orgs", "orgs.id", "users.org_id")
    .select(["users.id", "users.name", "users.email", "orgs.name as org_name"])
    .where("users.status", "=", "active")
    .where((eb) => eb.or([contains(ctx, "users.name", q), contains(ctx, "users.email", q), contains(ctx, "orgs.name", q)]))
    .orderBy("orgs.lg_code")
    .orderBy("users.name")
    .limit(20)
    .execute();
