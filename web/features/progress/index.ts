import "./messages.js";

export { DashboardPage } from "./dashboard-page.js";
export { ImportPage } from "./import-page.js";
export { ItemProgressPage } from "./item-page.js";
export { ManagePage } from "./manage-page.js";
export { OrgProgressPage } from "./org-page.js";
export { RecordPage } from "./record-page.js";
export { ItemTimelinePage, OrgTimelinePage } from "./timeline-page.js";
