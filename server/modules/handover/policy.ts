import { definePolicies } from "../../platform/policy/authorize.js";
import { runsCouncil } from "../../platform/policy/predicates.js";

definePolicies({
  // The secretariat (and the system admin) run the April 人事異動.
  "handover.manage": runsCouncil,
  // A 引継ぎ書 is read by its successor and by those who ran the hand-over.
  "handover.letter.read": (a, t?: { successorId: string }) => runsCouncil(a) || (!!a && t?.successorId === a.userId),
});
