import type { ExpressionBuilder } from "kysely";
import { jstDate } from "../../../shared/dates/jst.js";
import type { Actor } from "../../platform/context.js";
import type { DB } from "../../platform/db/schema.js";
import { seesStaffScope } from "./scopes.js";
import type { SearchEntriesTable } from "./tables.js";

/** The rules of scopes.ts in SQL over `search_entries as e`, for one actor who does not run the council (they see every entry). */
export function visibleEntries(actor: Actor) {
  return (eb: ExpressionBuilder<DB & { e: SearchEntriesTable }, "e">) => {
    // The bodies the actor is currently on the roll of, in person or through their organisation.
    const memberOf = () =>
      eb
        .selectFrom("body_members")
        .select("body_id as id")
        .where((m) => m.or([m("org_id", "=", actor.orgId), m("user_id", "=", actor.userId)]))
        .where((m) => m.or([m("term_end", "is", null), m("term_end", ">=", jstDate())]));
    const myBodies = eb.selectFrom("bodies").select("id").where("visibility", "=", "all").union(memberOf());
    const staff = seesStaffScope(actor);
    return eb.or([
      eb("e.scope_type", "=", "all"),
      eb.and([eb("e.scope_type", "=", "body"), eb("e.scope_id", "in", myBodies)]),
      eb.and([eb("e.scope_type", "=", "members"), eb("e.scope_id", "in", memberOf())]),
      ...(staff
        ? [eb("e.scope_type", "=", "org"), eb("e.scope_type", "=", "staff")]
        : actor.role === "municipal"
          ? [eb.and([eb("e.scope_type", "=", "org"), eb("e.scope_id", "=", actor.orgId)])]
          : []),
    ]);
  };
}
