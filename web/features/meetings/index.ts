import "./messages.js";

export { DecisionsPage } from "./decisions-page.js";
export { MeetingDetailPage } from "./meeting-detail-page.js";
export { MeetingCreatePage, MeetingEditPage } from "./meeting-form-page.js";
export { MeetingListPage } from "./meeting-list-page.js";
export { MinutesPage } from "./minutes-page.js";
