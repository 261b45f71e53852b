import "./messages.js";

export { FaqDetailPage } from "./detail-page.js";
export { FaqListPage, FaqNewPage } from "./list-page.js";
