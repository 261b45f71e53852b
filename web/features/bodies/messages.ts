// The strings of these screens load with them, not with the first page (web/lib/messages/index.ts).
import { addMessages } from "../../lib/i18n.js";
import { bodies } from "../../lib/messages/bodies.js";
import { meetings } from "../../lib/messages/meetings.js";
import { spaces } from "../../lib/messages/spaces.js";

addMessages(bodies);
addMessages(meetings);
addMessages(spaces);
