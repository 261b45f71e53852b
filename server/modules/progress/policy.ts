import type { Actor } from "../../platform/context.js";
import { definePolicies } from "../../platform/policy/authorize.js";

/** Progress is read by every signed-in member; a municipality writes only its own rows. */
const runsCouncil = (a: Actor) => a.role === "admin" || a.role === "secretariat";

definePolicies({
  "progress.read": () => true,
  /** Defining programmes, items, steps and metrics. */
  "progress.manage": runsCouncil,
  /** May write some progress (gate before the per-organisation check). */
  "progress.updateAny": (a) => runsCouncil(a) || a.role === "municipal",
  "progress.update": (a, s?: { orgId: string }) => runsCouncil(a) || (a.role === "municipal" && !!s && s.orgId === a.orgId),
  "progress.import": (a) => runsCouncil(a) || a.role === "municipal",
  "progress.export": () => true,
  "progress.weeklySummary": runsCouncil,
});
