/** The notifications module's public face for other modules: notify, the outbox's sendMail and the mail templates. */

export { copyNotificationPrefs, notificationPrefsOf } from "./handover-repo.js";
export { type MailAttachment, sendMail, threadsOfMessageIds } from "./mail.js";
export * from "./service.js";
export { checkTemplate, loadTemplate, type MailSpec, mailComposer, sender } from "./templates.js";
