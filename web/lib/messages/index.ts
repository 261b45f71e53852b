import { account } from "./account.js";
import { admin } from "./admin.js";
import { auth } from "./auth.js";
import { bodies } from "./bodies.js";
import { common } from "./common.js";
import { desk } from "./desk.js";
import { home } from "./home.js";
import { meetings } from "./meetings.js";
import { office } from "./office.js";
import { orgs } from "./orgs.js";
import { progress } from "./progress.js";
import { publication } from "./publication.js";
import { sharing } from "./sharing.js";
import { spaces } from "./spaces.js";
import { surveys } from "./surveys.js";
import { users } from "./users.js";

/** Every UI string, [日本語, English]. A new feature adds its own file here. */
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
  ...surveys,
  ...progress,
  ...office,
  ...publication,
  ...spaces,
};

export type MessageKey = keyof typeof messages;
