import "./messages.js";

export { AccountPage } from "./account-page.js";
export { DormantAccountsPage, UserSessionsPage } from "./dormant-page.js";
