/** The faq module's public face for other modules. */

export { findIdentifyingIn, personForms } from "./anonymise.js";
export * from "./service.js";
