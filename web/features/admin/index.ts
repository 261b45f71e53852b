import "./messages.js";

export { OutboxPage } from "./outbox-page.js";
export { SettingsPage } from "./settings-page.js";
