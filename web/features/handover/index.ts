import "./messages.js";

export { HandoverMinePage } from "./handover-mine-page.js";
export { HandoverPage } from "./handover-page.js";
