import type { Ctx } from "../../platform/context.js";
import { contains } from "../../platform/db/contains.js";
import type { OrgContactsTable, OrgsTable } from "../../platform/db/schema.js";

export type OrgRow = OrgsTable;

export async function listOrgRows(ctx: Ctx, filter: { kind?: OrgRow["kind"]; q?: string }): Promise<OrgRow[]> {
  let q = ctx.db.selectFrom("orgs").selectAll();
  if (filter.kind) q = q.where("kind", "=", filter.kind);
  if (filter.q) {
    const text = filter.q;
    q = q.where((eb) => eb.or([contains(ctx, "name", text), contains(ctx, "kana", text), contains(ctx, "lg_code", text)]));
  }
  // Prefecture first, then by local-government code (the order every official list uses).
  return q
    .orderBy((eb) => eb.case().when("kind", "=", "prefecture").then(0).else(1).end())
    .orderBy("lg_code")
    .orderBy("name")
    .execute();
}

export const findOrgRow = (ctx: Ctx, id: string) => ctx.db.selectFrom("orgs").selectAll().where("id", "=", id).executeTakeFirst();

export const findOrgByCode = (ctx: Ctx, lgCode: string) =>
  ctx.db.selectFrom("orgs").selectAll().where("lg_code", "=", lgCode).executeTakeFirst();

export async function insertOrg(ctx: Ctx, row: OrgRow): Promise<void> {
  await ctx.db.insertInto("orgs").values(row).execute();
}

export async function updateOrgRow(ctx: Ctx, id: string, patch: Partial<OrgRow>): Promise<void> {
  await ctx.db.updateTable("orgs").set(patch).where("id", "=", id).execute();
}

export const findOrgContactRow = (ctx: Ctx, orgId: string) =>
  ctx.db.selectFrom("org_contacts").selectAll().where("org_id", "=", orgId).executeTakeFirst();

export async function upsertOrgContact(ctx: Ctx, orgId: string, values: Omit<OrgContactsTable, "org_id">): Promise<void> {
  await ctx.db
    .insertInto("org_contacts")
    .values({ org_id: orgId, ...values })
    .onConflict((oc) => oc.column("org_id").doUpdateSet(values))
    .execute();
}

/** The prefecture (the platform's operator) with its contact data: the sender of official mail. */
export const prefectureWithContact = (ctx: Ctx) =>
  ctx.db
    .selectFrom("orgs")
    .leftJoin("org_contacts as c", "c.org_id", "orgs.id")
    .select(["orgs.name", "c.department", "c.person", "c.phone", "c.email", "c.address"])
    .where("orgs.kind", "=", "prefecture")
    .orderBy("orgs.lg_code")
    .executeTakeFirst();
