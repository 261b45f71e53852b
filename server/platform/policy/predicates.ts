import { type Actor, isPrefectureStaff } from "../context.js";

/**
 * The predicates the modules' policies share, declared once (issue 14): who runs the council, who is
 * prefecture staff, who belongs to a body. Policies combine them with their module's own facts.
 */

/** The council's secretariat and administrators: they run the council (every body, meeting, survey, programme). */
export const runsCouncil = (a: Actor | null): boolean => !!a && (a.role === "admin" || a.role === "secretariat");

/** Prefecture staff: administrators, the secretariat and the specialists of the support desk. */
export { isPrefectureStaff };

/** A member of a body: the actor in person or through their organisation holds a current position in it. */
export const memberOfBody = (b?: { myPosition: string | null } | null) => !!b?.myPosition;
