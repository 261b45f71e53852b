import type { Actor } from "../../platform/context.js";
import { definePolicies } from "../../platform/policy/authorize.js";
import { type MeetingSubject, runsBody } from "../meetings/index.js";

const runsCouncil = (a: Actor) => a.role === "admin" || a.role === "secretariat";

definePolicies({
  // Whoever runs the body's meetings decides what of them the public sees.
  "meeting.publish": (a, s?: MeetingSubject) => runsBody(a, s),
  // The site as a whole (the export for the prefecture's CMS, the programmes in the open data): the council secretariat.
  "publication.manage": runsCouncil,
});
