import type { RoleName } from "../../../shared/api/users.js";
import type { Ctx } from "../../platform/context.js";

/** Who hears of a meeting: the people behind its members (meeting-mail.ts, proposal-notices.ts). */

/** Active users of the organisations or among the users given, with their meeting notification mode. */
export const activeMembersWithMode = (ctx: Ctx, orgIds: string[], userIds: string[]) =>
  ctx.db
    .selectFrom("users")
    .innerJoin("orgs as o", "o.id", "users.org_id")
    .leftJoin("notification_prefs as p", (j) => j.onRef("p.user_id", "=", "users.id").on("p.category", "=", "meeting"))
    .select(["users.name", "users.email", "o.name as orgName", "p.mode"])
    .where("users.status", "=", "active")
    .where((eb) =>
      eb.or([
        ...(orgIds.length ? [eb("users.org_id", "in", orgIds)] : []),
        ...(userIds.length ? [eb("users.id", "in", userIds)] : []),
      ]),
    )
    .orderBy("o.lg_code")
    .orderBy("users.name")
    .execute();

/** Active users with one of the roles (in the organisations, when given). */
export function activeStaff(ctx: Ctx, roles: RoleName[], orgs?: string[]) {
  let q = ctx.db.selectFrom("users").select("id").where("status", "=", "active").where("role", "in", roles);
  if (orgs) q = q.where("org_id", "in", orgs);
  return q.execute();
}
