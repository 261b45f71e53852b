// The directory sync strings load with its page, not with the first page.
import { addMessages } from "../../lib/i18n.js";
import { directory } from "../../lib/messages/directory.js";

addMessages(directory);
