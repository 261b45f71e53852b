import type { account } from "./account.js";
import type { accounts } from "./accounts.js";
import type { admin } from "./admin.js";
import type { auth } from "./auth.js";
import type { bodies } from "./bodies.js";
import { common } from "./common.js";
import type { contacts } from "./contacts.js";
import type { desk } from "./desk.js";
import type { directory } from "./directory.js";
import type { handover } from "./handover.js";
import type { home } from "./home.js";
import type { insight } from "./insight.js";
import { insightNav } from "./insight-nav.js";
import type { meetingForm } from "./meeting-form.js";
import type { meetings } from "./meetings.js";
import { menu } from "./menu.js";
import type { minutesReview } from "./minutes-review.js";
import type { office } from "./office.js";
import type { orgs } from "./orgs.js";
import type { procurement } from "./procurement.js";
import type { progress } from "./progress.js";
import type { publication } from "./publication.js";
import type { referrals } from "./referrals.js";
import type { relay } from "./relay.js";
import type { sharing } from "./sharing.js";
import type { spaces } from "./spaces.js";
import type { surveys } from "./surveys.js";
import type { users } from "./users.js";
import type { year } from "./year.js";
import type { yearPrint } from "./year-print.js";

/**
 * The UI strings loaded with the first page, [日本語, English]: the shell's own (common: buttons, errors,
 * paging…; menu and insight-nav: every menu label). Each feature's strings load with its pages: its
 * features/<name>/messages.ts adds the files its screens use (addMessages), and its chunk imports that
 * first. loading.test.ts follows the imports and fails when a screen uses a string its chunk does not add.
 */
export const messages = {
  ...common,
  ...insightNav,
  ...menu,
};

/** Every key, including those of the features whose strings load with their pages. */
export type MessageKey =
  | keyof typeof messages
  | keyof typeof desk
  | keyof typeof auth
  | keyof typeof home
  | keyof typeof orgs
  | keyof typeof users
  | keyof typeof bodies
  | keyof typeof meetings
  | keyof typeof account
  | keyof typeof admin
  | keyof typeof sharing
  | keyof typeof office
  | keyof typeof year
  | keyof typeof publication
  | keyof typeof spaces
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
