import type { Actor } from "../../platform/context.js";
import { definePolicies } from "../../platform/policy/authorize.js";
import { type MeetingSubject, runsBody } from "../meetings/index.js";

const runsCouncil = (a: Actor) => a.role === "admin" || a.role === "secretariat";

definePolicies({
  // Everyone signed in sees the plan; entries of bodies they cannot see are left out.
  "yearPlan.read": () => true,
  // A body's meetings are planned by whoever runs them (its chair or secretariat, the council secretariat).
  "yearPlan.planBody": (a, s?: MeetingSubject) => runsBody(a, s),
  // Milestones (national deadlines, the budget cycle) and copying the whole plan are the council secretariat's.
  "yearPlan.manage": runsCouncil,
  "datePoll.manage": (a, s?: MeetingSubject) => runsBody(a, s),
  // As attendance: an organisation on the body's roll answers for itself; the body's runners may answer on its behalf.
  "datePoll.answer": (a, s?: MeetingSubject) => !!s?.orgAttends || runsBody(a, s),
});
