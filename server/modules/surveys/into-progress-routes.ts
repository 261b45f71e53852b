import { idParams } from "../../../shared/api/common.js";
import { progressApplyResult, progressMapResponse } from "../../../shared/api/surveys-progress.js";
import { progressMapping } from "../../../shared/surveys/progress-map.js";
import type { App } from "../../platform/http/types.js";
import { applyToProgress, getProgressMap, saveProgressMap } from "./into-progress.js";

/** The survey → progress mapping, its preview (nothing written) and its application. */
export function progressRoutes(app: App) {
  app.get("/surveys/:id/progress-map", { schema: { params: idParams, response: { 200: progressMapResponse } } }, (req) =>
    getProgressMap(req.ctx, req.params.id),
  );
  app.put(
    "/surveys/:id/progress-map",
    { schema: { params: idParams, body: progressMapping, response: { 200: progressMapResponse } } },
    (req) => saveProgressMap(req.ctx, req.params.id, req.body),
  );
  app.post("/surveys/:id/progress-map/preview", { schema: { params: idParams, response: { 200: progressApplyResult } } }, (req) =>
    applyToProgress(req.ctx, req.params.id, true),
  );
  app.post("/surveys/:id/progress-map/apply", { schema: { params: idParams, response: { 200: progressApplyResult } } }, (req) =>
    applyToProgress(req.ctx, req.params.id, false),
  );
}
