import { account } from "./account.js";
import type { accounts } from "./accounts.js";
import { admin } from "./admin.js";
import { auth } from "./auth.js";
import { bodies } from "./bodies.js";
import { common } from "./common.js";
import type { contacts } from "./contacts.js";
import { desk } from "./desk.js";
import type { directory } from "./directory.js";
import type { handover } from "./handover.js";
import { home } from "./home.js";
import type { insight } from "./insight.js";
import { insightNav } from "./insight-nav.js";
import type { meetingForm } from "./meeting-form.js";
import { meetings } from "./meetings.js";
import { menu } from "./menu.js";
import type { minutesReview } from "./minutes-review.js";
import { office } from "./office.js";
import { orgs } from "./orgs.js";
import type { procurement } from "./procurement.js";
import type { progress } from "./progress.js";
import { publication } from "./publication.js";
import type { referrals } from "./referrals.js";
import type { relay } from "./relay.js";
import { sharing } from "./sharing.js";
import { spaces } from "./spaces.js";
import type { surveys } from "./surveys.js";
import { users } from "./users.js";
import { year } from "./year.js";
import type { yearPrint } from "./year-print.js";

/**
 * The UI strings loaded with the first page, [日本語, English]. A new feature adds its own file here;
 * the larger features (surveys with the relay, progress, procurement, handover, insight, accounts, the meeting form) load
 * theirs with their pages (features/<name>/messages.ts); their menu labels stay here (menu.ts, insight-nav.ts).
 */
export const messages = {
  ...common,
  ...desk,
  ...auth,
  ...home,
  ...orgs,
  ...users,
  ...bodies,
  ...meetings,
  ...account,
  ...admin,
  ...sharing,
  ...office,
  ...year,
  ...publication,
  ...spaces,
  ...insightNav,
  ...menu,
};

/** Every key, including those of the features whose strings load with their pages. */
export type MessageKey =
  | keyof typeof messages
  | keyof typeof surveys
  | keyof typeof progress
  | keyof typeof insight
  | keyof typeof meetingForm
  | keyof typeof minutesReview
  | keyof typeof referrals
  | keyof typeof accounts
  | keyof typeof contacts
  | keyof typeof yearPrint
  | keyof typeof procurement
  | keyof typeof handover
  | keyof typeof directory
  | keyof typeof relay;
