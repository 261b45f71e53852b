import "./messages.js";

export { UserDetailPage } from "./user-detail-page.js";
export { UserImportPage } from "./user-import-page.js";
export { UserInvitePage } from "./user-invite-page.js";
export { UserListPage } from "./user-list-page.js";
