import "./messages.js";

export { ProjectDetailPage } from "./project-detail-page.js";
export { ProjectListPage } from "./project-list-page.js";
export { ScenarioPage } from "./scenario-page.js";
