// The devices, unused-accounts and sign-in refusal strings load with their pages, not with the first page.
import { addMessages } from "../../lib/i18n.js";
import { accounts } from "../../lib/messages/accounts.js";
import { contacts } from "../../lib/messages/contacts.js";

addMessages(accounts);
addMessages(contacts);
