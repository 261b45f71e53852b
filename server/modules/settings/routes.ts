import { settingsPatch, settingsSchema } from "../../../shared/api/settings.js";
import type { App } from "../../platform/http/types.js";
import { getSettings, updateSettings } from "./service.js";

export function settingsRoutes(app: App) {
  app.get("/settings", { schema: { response: { 200: settingsSchema } } }, (req) => getSettings(req.ctx));
  app.patch("/settings", { schema: { body: settingsPatch, response: { 200: settingsSchema } } }, (req) =>
    updateSettings(req.ctx, req.body),
  );
}
