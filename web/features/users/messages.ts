// The 所属・役職 strings load with the users and account pages, not with the first page.
import { addMessages } from "../../lib/i18n.js";
import { contacts } from "../../lib/messages/contacts.js";
import { users } from "../../lib/messages/users.js";

addMessages(contacts);
addMessages(users);
