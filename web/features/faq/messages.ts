// The strings of these screens load with them, not with the first page (web/lib/messages/index.ts).
import { addMessages } from "../../lib/i18n.js";
import { desk } from "../../lib/messages/desk.js";
import { office } from "../../lib/messages/office.js";

addMessages(desk);
addMessages(office);
