// The handover strings load with its pages, not with the first page.
import { addMessages } from "../../lib/i18n.js";
import { handover } from "../../lib/messages/handover.js";

addMessages(handover);
