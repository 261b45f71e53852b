import { idParams } from "../../../shared/api/common.js";
import { bodySpace } from "../../../shared/api/spaces.js";
import type { App } from "../../platform/http/types.js";
import { getBodySpace } from "./service.js";

export function spaceRoutes(app: App) {
  app.get("/bodies/:id/space", { schema: { params: idParams, response: { 200: bodySpace } } }, (req) =>
    getBodySpace(req.ctx, req.params.id),
  );
}
