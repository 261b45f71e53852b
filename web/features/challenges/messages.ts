// The strings of these screens load with them, not with the first page (web/lib/messages/index.ts).
import { addMessages } from "../../lib/i18n.js";
import { office } from "../../lib/messages/office.js";
import { sharing } from "../../lib/messages/sharing.js";

addMessages(sharing);
addMessages(office);
