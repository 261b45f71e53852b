// The strings of these screens load with them, not with the first page (web/lib/messages/index.ts).
import { addMessages } from "../../lib/i18n.js";
import { auth } from "../../lib/messages/auth.js";

addMessages(auth);
