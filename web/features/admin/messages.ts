// The strings of these screens load with them, not with the first page (web/lib/messages/index.ts).
import { addMessages } from "../../lib/i18n.js";
import { admin } from "../../lib/messages/admin.js";
import { office } from "../../lib/messages/office.js";

addMessages(admin);
addMessages(office);
