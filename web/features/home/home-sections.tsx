import type { ComponentType } from "react";
import type { Me } from "../../lib/api-types.js";
import { DeskCard } from "../consultations/desk-card.js";
import { MyActionsCard } from "../meetings/my-actions-card.js";
import { LatestNoticesCard } from "../notices/latest-notices-card.js";
import { ProgressCard } from "../progress/progress-card.js";
import { SurveysCard } from "../surveys/surveys-card.js";
import { MyBodiesCard } from "./my-bodies-card.js";
import { MyOrgCard } from "./my-org-card.js";
import { NextStepsCard } from "./next-steps-card.js";
import { SecretariatCard } from "./secretariat-card.js";
import { UnreadCard } from "./unread-card.js";
import { UpcomingMeetingsCard } from "./upcoming-meetings-card.js";

export interface HomeSection {
  /** Stable id; also the heading's id. */
  id: string;
  Component: ComponentType<{ me: Me; headingId: string }>;
  /** Hide the card for users it does not concern. */
  visible?: (me: Me) => boolean;
  /** "wide" spans both columns on a large screen. */
  size?: "normal" | "wide";
}

/**
 * The cards of the home page, in order. Later features (meetings, action items, surveys, …)
 * add their card here: `{ id: "meetings", Component: UpcomingMeetingsCard }`.
 */
export const homeSections: HomeSection[] = [
  // The council secretariat's to-do first (the server answers it for the same users: body.create).
  { id: "secretariat", Component: SecretariatCard, visible: (me) => !!me.abilities.manageBodies, size: "wide" },
  { id: "meetings", Component: UpcomingMeetingsCard },
  { id: "next-steps", Component: NextStepsCard, visible: (me) => me.user.role === "specialist" },
  { id: "notices", Component: LatestNoticesCard },
  { id: "surveys", Component: SurveysCard, visible: (me) => !!me.abilities.useSurveys },
  { id: "progress", Component: ProgressCard },
  { id: "my-org", Component: MyOrgCard },
  { id: "unread", Component: UnreadCard },
  { id: "my-bodies", Component: MyBodiesCard, size: "wide" },
  { id: "my-actions", Component: MyActionsCard, size: "wide" },
  { id: "desk", Component: DeskCard, visible: (me) => !!me.abilities.useDesk },
];
