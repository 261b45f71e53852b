import "./messages.js";

export { BodyDetailPage } from "./body-detail-page.js";
export { BodyCreatePage, BodyEditPage } from "./body-form-page.js";
export { BodyListPage } from "./body-list-page.js";
