// The procurement strings load with its pages, not with the first page.
import { addMessages } from "../../lib/i18n.js";
import { procurement } from "../../lib/messages/procurement.js";

addMessages(procurement);
