// The strings of these screens load with them, not with the first page (web/lib/messages/index.ts).
import { addMessages } from "../../lib/i18n.js";
import { desk } from "../../lib/messages/desk.js";
import { home } from "../../lib/messages/home.js";
import { meetings } from "../../lib/messages/meetings.js";
import { sharing } from "../../lib/messages/sharing.js";
import { users } from "../../lib/messages/users.js";

addMessages(home);
addMessages(desk);
addMessages(meetings);
addMessages(sharing);
addMessages(users);
