import { homeDue } from "../../../shared/api/home.js";
import type { App } from "../../platform/http/types.js";
import { homeFor } from "./service.js";

export function homeRoutes(app: App) {
  app.get("/home", { schema: { response: { 200: homeDue } } }, (req) => homeFor(req.ctx));
}
