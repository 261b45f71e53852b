import "./messages.js";

export { NoticeDetailPage } from "./notice-detail-page.js";
export { NoticeCreatePage, NoticeEditPage } from "./notice-form-page.js";
export { NoticeListPage } from "./notice-list-page.js";
