import { definePolicies } from "../../platform/policy/authorize.js";
import { isPrefectureStaff, runsCouncil } from "../../platform/policy/predicates.js";

definePolicies({
  // The rules and thresholds behind suggestions are the council secretariat's.
  "insight.rules.read": runsCouncil,
  "insight.rules.update": runsCouncil,
  // Suggestions draw on the desk, surveys and every town's progress: the council secretariat's view, not a body chair's.
  "insight.suggest": runsCouncil,
});

definePolicies({
  // The radar: prefecture staff (the specialists see where they are sent); the plan of hours is the secretariat's.
  "insight.radar.read": isPrefectureStaff,
  "insight.radar.plan": runsCouncil,
});
