import { z } from "zod";
import { idParams, okResponse } from "../../../shared/api/common.js";
import { kpiQuery, kpiView, targetInput, targetPatch } from "../../../shared/api/progress-kpis.js";
import type { App } from "../../platform/http/types.js";
import { createTarget, deleteTarget, getKpis, updateTarget } from "./kpis.js";

const created = z.object({ id: z.string() });

/** KPIs per fiscal year and the prefecture-wide targets (kpis.ts). */
export function progressKpiRoutes(app: App) {
  app.get("/progress/kpis", { schema: { querystring: kpiQuery, response: { 200: kpiView } } }, (req) =>
    getKpis(req.ctx, req.query),
  );
  app.post(
    "/progress/programmes/:id/targets",
    { schema: { params: idParams, body: targetInput, response: { 201: created } } },
    async (req, reply) => reply.status(201).send(await createTarget(req.ctx, req.params.id, req.body)),
  );
  app.patch("/progress/targets/:id", { schema: { params: idParams, body: targetPatch, response: { 200: created } } }, (req) =>
    updateTarget(req.ctx, req.params.id, req.body),
  );
  app.delete("/progress/targets/:id", { schema: { params: idParams, response: { 200: okResponse } } }, (req) =>
    deleteTarget(req.ctx, req.params.id),
  );
}
