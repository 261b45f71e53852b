import { idParams } from "../../../shared/api/common.js";
import { copyPlanResult, fiscalYearParams, planEntryInput, planEntryPatch, yearPlan } from "../../../shared/api/year-plan.js";
import { sendDownload } from "../../platform/files/http.js";
import type { App } from "../../platform/http/types.js";
import { copyPreviousPlan, createPlanEntry, deletePlanEntry, getYearPlan, updatePlanEntry } from "./plan.js";
import { yearPlanXlsx } from "./plan-export.js";

export function yearPlanRoutes(app: App) {
  app.get("/year-plans/:fy", { schema: { params: fiscalYearParams, response: { 200: yearPlan } } }, (req) =>
    getYearPlan(req.ctx, req.params.fy),
  );
  app.post(
    "/year-plans/:fy/entries",
    { schema: { params: fiscalYearParams, body: planEntryInput, response: { 201: yearPlan } } },
    async (req, reply) => reply.status(201).send(await createPlanEntry(req.ctx, req.params.fy, req.body)),
  );
  app.patch(
    "/year-plan-entries/:id",
    { schema: { params: idParams, body: planEntryPatch, response: { 200: yearPlan } } },
    (req) => updatePlanEntry(req.ctx, req.params.id, req.body),
  );
  app.delete("/year-plan-entries/:id", { schema: { params: idParams, response: { 200: yearPlan } } }, (req) =>
    deletePlanEntry(req.ctx, req.params.id),
  );
  app.post(
    "/year-plans/:fy/copy-previous",
    { schema: { params: fiscalYearParams, response: { 201: copyPlanResult } } },
    async (req, reply) => reply.status(201).send(await copyPreviousPlan(req.ctx, req.params.fy)),
  );
  app.get("/year-plans/:fy/plan.xlsx", { schema: { params: fiscalYearParams } }, async (req, reply) =>
    sendDownload(reply, await yearPlanXlsx(req.ctx, req.params.fy)),
  );
  app.get("/year-plans/:fy/plan.pdf", { schema: { params: fiscalYearParams } }, async (req, reply) => {
    const { yearPlanPdf } = await import("./plan-pdf.js"); // pdf-lib loads with the first PDF, not at start
    return sendDownload(reply, await yearPlanPdf(req.ctx, req.params.fy));
  });
}
