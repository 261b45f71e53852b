import "./messages.js";

export { OrgDetailPage } from "./org-detail-page.js";
export { OrgCreatePage, OrgEditPage } from "./org-form-page.js";
export { OrgImportPage } from "./org-import-page.js";
export { OrgListPage } from "./org-list-page.js";
