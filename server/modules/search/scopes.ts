import { type Actor, isPrefectureStaff } from "../../platform/context.js";
import { memberOfBody, runsCouncil } from "../../platform/policy/predicates.js";

/**
 * Who may see a thing, one rule per scope. The detail routes use these predicates through their
 * module's policy (body.read, consultation.read …) and search uses their SQL form (scopes-repo.ts), so
 * an entry is found by exactly the people who may open it. A new kind of entry picks one of these
 * scopes; a kind that needs another rule adds it here and in scopes-repo.ts.
 */

/** The council's secretariat and administrators see every body and every entry. */
export { runsCouncil };

/** `body`: an open body, or one the actor (in person or through their organisation) currently belongs to. */
export const seesBody = (a: Actor | null, b?: { visibility: "all" | "members"; myPosition: string | null }) =>
  !!a && (runsCouncil(a) || b?.visibility === "all" || memberOfBody(b));

/**
 * `members` (委員限り): the body's current members — in person or through an organisation on its roll, in any
 * position — and those who run the council. A body's chair or secretariat in person is on its roll, so this is
 * also everyone who runs the body.
 */
export const seesMembersScope = (a: Actor | null, b?: { myPosition: string | null }) =>
  !!a && (runsCouncil(a) || memberOfBody(b));

/** `org` (consultations): prefecture staff and the municipal users of that organisation — not its observers. */
export const seesOrgScope = (a: Actor | null, orgId: string | undefined) =>
  isPrefectureStaff(a) || (!!a && a.role === "municipal" && !!orgId && a.orgId === orgId);

/** `staff`: prefecture staff only. */
export const seesStaffScope = (a: Actor | null) => isPrefectureStaff(a);
