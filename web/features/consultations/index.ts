import "./messages.js";

export { ConsultationDetailPage } from "./detail-page.js";
export { NewConsultationPage } from "./new-page.js";
export { QueuePage } from "./queue-page.js";
export { ReportsPage } from "./reports-page.js";
export { TemplatesPage } from "./templates-page.js";
