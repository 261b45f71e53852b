/** The settings module's public face: its service, and raw rows for settings other modules own the shape of (mail templates). */

export { deleteSetting, findSettingValue, upsertSetting } from "./repo.js";
export * from "./service.js";
