// The insight strings load with the insight pages, not with the first page.
import { addMessages } from "../../lib/i18n.js";
import { insight } from "../../lib/messages/insight.js";

addMessages(insight);
