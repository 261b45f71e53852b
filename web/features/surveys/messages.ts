// The surveys strings load with the surveys pages and the home page's card, not with the first page.
import { addMessages } from "../../lib/i18n.js";
import { relay } from "../../lib/messages/relay.js";
import { surveys } from "../../lib/messages/surveys.js";

addMessages(surveys);
addMessages(relay);
