import type { ExpressionBuilder } from "kysely";
import { jstDate } from "../../../shared/dates/jst.js";
import { type Actor, isPrefectureStaff } from "../../platform/context.js";
import type { DB } from "../../platform/db/schema.js";
import { memberOfBody, runsCouncil } from "../../platform/policy/predicates.js";
import type { SearchEntriesTable } from "./tables.js";

/**
 * Who may see a thing, one rule per scope. The detail routes use these predicates through their
 * module's policy (body.read, consultation.read …) and search uses the SQL form below, so an entry is
 * found by exactly the people who may open it. A new kind of entry picks one of these scopes; a kind
 * that needs another rule adds it here, in both forms.
 */

/** The council's secretariat and administrators see every body and every entry. */
export { runsCouncil };

/** `body`: an open body, or one the actor (in person or through their organisation) currently belongs to. */
export const seesBody = (a: Actor | null, b?: { visibility: "all" | "members"; myPosition: string | null }) =>
  !!a && (runsCouncil(a) || b?.visibility === "all" || memberOfBody(b));

/** `org` (consultations): prefecture staff and the municipal users of that organisation — not its observers. */
export const seesOrgScope = (a: Actor | null, orgId: string | undefined) =>
  isPrefectureStaff(a) || (!!a && a.role === "municipal" && !!orgId && a.orgId === orgId);

/** `staff`: prefecture staff only. */
export const seesStaffScope = (a: Actor | null) => isPrefectureStaff(a);

/** The same rules in SQL over `search_entries as e`, for one actor who does not run the council (they see every entry). */
export function visibleEntries(actor: Actor) {
  return (eb: ExpressionBuilder<DB & { e: SearchEntriesTable }, "e">) => {
    const myBodies = eb
      .selectFrom("bodies")
      .select("id")
      .where("visibility", "=", "all")
      .union(
        eb
          .selectFrom("body_members")
          .select("body_id as id")
          .where((m) => m.or([m("org_id", "=", actor.orgId), m("user_id", "=", actor.userId)]))
          .where((m) => m.or([m("term_end", "is", null), m("term_end", ">=", jstDate())])),
      );
    const staff = seesStaffScope(actor);
    return eb.or([
      eb("e.scope_type", "=", "all"),
      eb.and([eb("e.scope_type", "=", "body"), eb("e.scope_id", "in", myBodies)]),
      ...(staff
        ? [eb("e.scope_type", "=", "org"), eb("e.scope_type", "=", "staff")]
        : actor.role === "municipal"
          ? [eb.and([eb("e.scope_type", "=", "org"), eb("e.scope_id", "=", actor.orgId)])]
          : []),
    ]);
  };
}
