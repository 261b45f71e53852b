/** The faq module's public face for other modules. */

export { findIdentifyingIn, personForms } from "./anonymise.js";
export { faqPublishedBetween } from "./report-repo.js";
export * from "./service.js";
