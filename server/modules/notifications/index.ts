/** The notifications module's public face for other modules: notify, the outbox's sendMail and the mail templates. */

export { sendMail } from "./mail.js";
export * from "./service.js";
export { mailComposer } from "./templates.js";
