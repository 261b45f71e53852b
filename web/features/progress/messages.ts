// The progress strings load with the progress pages and the home page's card, not with the first page.
import { addMessages } from "../../lib/i18n.js";
import { progress } from "../../lib/messages/progress.js";
import { spaces } from "../../lib/messages/spaces.js";

addMessages(progress);
addMessages(spaces);
