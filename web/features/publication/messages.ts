// The strings of these screens load with them, not with the first page (web/lib/messages/index.ts).
import { addMessages } from "../../lib/i18n.js";
import { meetings } from "../../lib/messages/meetings.js";
import { publication } from "../../lib/messages/publication.js";

addMessages(publication);
addMessages(meetings);
