// The devices, unused-accounts and sign-in refusal strings load with their pages, not with the first page.
import { addMessages } from "../../lib/i18n.js";
import { account } from "../../lib/messages/account.js";
import { accounts } from "../../lib/messages/accounts.js";
import { auth } from "../../lib/messages/auth.js";
import { contacts } from "../../lib/messages/contacts.js";
import { users } from "../../lib/messages/users.js";

addMessages(accounts);
addMessages(contacts);
addMessages(account);
addMessages(auth);
addMessages(users);
