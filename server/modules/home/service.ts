import type { HomeDue } from "../../../shared/api/home.js";
import type { Ctx } from "../../platform/context.js";
import { type ActionsOf, authorize, definePolicies, type Policies } from "../../platform/policy/authorize.js";
import { yearDeadlines } from "../council-year/index.js";
import { meetingsDue } from "../meetings/index.js";
import { myNextSteps } from "../support/index.js";

const policies = { "home.read": () => true } satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

/** What is due for the signed-in user, for the home page; each module answers for its own part. */
export async function homeFor(ctx: Ctx): Promise<HomeDue> {
  authorize(ctx.actor, "home.read");
  const [meetings, nextSteps, deadlines] = [await meetingsDue(ctx), await myNextSteps(ctx), await yearDeadlines(ctx)];
  return { ...meetings, nextSteps, deadlines };
}
