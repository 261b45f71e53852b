import "./messages.js";

export { MeetingPublicationPage } from "./meeting-publication-page.js";
export { PublicSitePage } from "./site-page.js";
