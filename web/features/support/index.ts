import "./messages.js";

export { SupportDetailPage, SupportNewPage } from "./detail-page.js";
export { SupportListPage } from "./list-page.js";
export { WorkloadPage } from "./workload-page.js";
