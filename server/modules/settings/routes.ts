import { settingsPatch, settingsSchema } from "../../../shared/api/settings.js";
import type { App } from "../../platform/http/types.js";
import { getSettings, updateSettings } from "./service.js";

export function settingsRoutes(app: App) {
  app.get("/settings", { config: { allowUnenrolled: true }, schema: { response: { 200: settingsSchema } } }, (req) =>
    getSettings(req.ctx),
  );
  // An admin who made two-factor mandatory can still turn it off before enrolling.
  app.patch(
    "/settings",
    { config: { allowUnenrolled: true }, schema: { body: settingsPatch, response: { 200: settingsSchema } } },
    (req) => updateSettings(req.ctx, req.body),
  );
}
