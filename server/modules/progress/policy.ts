import { definePolicies } from "../../platform/policy/authorize.js";
import { runsCouncil } from "../../platform/policy/predicates.js";

/** Progress is read by every signed-in member; a municipality writes only its own rows. */
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
