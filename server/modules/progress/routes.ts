import { z } from "zod";
import { idParams, listOf } from "../../../shared/api/common.js";
import {
  asOfQuery,
  historyEntry,
  historyQuery,
  item,
  itemInput,
  itemPatch,
  metricInput,
  metricPatch,
  programme,
  programmeDetail,
  programmeInput,
  programmePatch,
  record,
  recordParams,
  recordUpdate,
  stepInput,
  stepPatch,
} from "../../../shared/api/progress.js";
import { dashboard, dashboardQuery, itemPage, matrix, orgPage, orgTimeline } from "../../../shared/api/progress-views.js";
import { storedDownload } from "../../platform/files/download.js";
import { sendDownload, uploadOf } from "../../platform/files/http.js";
import type { App } from "../../platform/http/types.js";
import { getDashboardBody, getMatrixBody } from "./dashboard.js";
import { getOrgTimeline } from "./gantt.js";
import { getItemPage, getOrgPage } from "./pages.js";
import {
  addMetric,
  addStep,
  createItem,
  createProgramme,
  getProgramme,
  listProgrammes,
  updateItem,
  updateMetric,
  updateProgramme,
  updateStep,
} from "./programmes.js";
import { evidenceFile, getRecord, listRecordHistory, storeEvidence, updateRecord } from "./records.js";
import { progressBulkRoutes } from "./routes-bulk.js";
import { progressKpiRoutes } from "./routes-kpis.js";
import "./jobs.js";

const orgParams = z.object({ orgId: z.uuid({ error: "団体IDの形式が正しくありません" }) });

export function progressRoutes(app: App) {
  app.get(
    "/progress/programmes",
    {
      schema: {
        querystring: z.object({ includeArchived: z.enum(["true", "false"]).optional() }),
        response: { 200: listOf(programme) },
      },
    },
    (req) => listProgrammes(req.ctx, { includeArchived: req.query.includeArchived === "true" }),
  );
  app.post("/progress/programmes", { schema: { body: programmeInput, response: { 201: programmeDetail } } }, async (req, reply) =>
    reply.status(201).send(await createProgramme(req.ctx, req.body)),
  );
  app.get("/progress/programmes/:id", { schema: { params: idParams, response: { 200: programmeDetail } } }, (req) =>
    getProgramme(req.ctx, req.params.id),
  );
  app.patch(
    "/progress/programmes/:id",
    { schema: { params: idParams, body: programmePatch, response: { 200: programmeDetail } } },
    (req) => updateProgramme(req.ctx, req.params.id, req.body),
  );
  app.post(
    "/progress/programmes/:id/items",
    { schema: { params: idParams, body: itemInput, response: { 201: item } } },
    async (req, reply) => reply.status(201).send(await createItem(req.ctx, req.params.id, req.body)),
  );
  app.get("/progress/items/:id", { schema: { params: idParams, querystring: asOfQuery, response: { 200: itemPage } } }, (req) =>
    getItemPage(req.ctx, req.params.id, req.query),
  );
  app.patch("/progress/items/:id", { schema: { params: idParams, body: itemPatch, response: { 200: item } } }, (req) =>
    updateItem(req.ctx, req.params.id, req.body),
  );
  app.post(
    "/progress/items/:id/steps",
    { schema: { params: idParams, body: stepInput, response: { 201: item } } },
    async (req, reply) => reply.status(201).send(await addStep(req.ctx, req.params.id, req.body)),
  );
  app.patch("/progress/steps/:id", { schema: { params: idParams, body: stepPatch, response: { 200: item } } }, (req) =>
    updateStep(req.ctx, req.params.id, req.body),
  );
  app.post(
    "/progress/items/:id/metrics",
    { schema: { params: idParams, body: metricInput, response: { 201: item } } },
    async (req, reply) => reply.status(201).send(await addMetric(req.ctx, req.params.id, req.body)),
  );
  app.patch("/progress/metrics/:id", { schema: { params: idParams, body: metricPatch, response: { 200: item } } }, (req) =>
    updateMetric(req.ctx, req.params.id, req.body),
  );

  // Sent as the JSON bytes encoded through the same contracts once per change (dashboard.ts): Fastify sends a
  // Buffer as is, hence the cast from the typed reply.
  app.get("/progress/dashboard", { schema: { querystring: dashboardQuery, response: { 200: dashboard } } }, async (req, reply) =>
    reply.type("application/json; charset=utf-8").send((await getDashboardBody(req.ctx, req.query)) as never),
  );
  app.get(
    "/progress/dashboard/matrix",
    { schema: { querystring: dashboardQuery, response: { 200: matrix } } },
    async (req, reply) => reply.type("application/json; charset=utf-8").send((await getMatrixBody(req.ctx, req.query)) as never),
  );
  app.get("/progress/orgs/:orgId", { schema: { params: orgParams, querystring: asOfQuery, response: { 200: orgPage } } }, (req) =>
    getOrgPage(req.ctx, req.params.orgId, req.query),
  );
  app.get("/progress/orgs/:orgId/timeline", { schema: { params: orgParams, response: { 200: orgTimeline } } }, (req) =>
    getOrgTimeline(req.ctx, req.params.orgId),
  );
  app.get(
    "/progress/records/:orgId/:itemId",
    { schema: { params: recordParams, querystring: asOfQuery, response: { 200: record } } },
    (req) => getRecord(req.ctx, req.params.orgId, req.params.itemId, req.query),
  );
  app.patch(
    "/progress/records/:orgId/:itemId",
    { schema: { params: recordParams, body: recordUpdate, response: { 200: record } } },
    (req) => updateRecord(req.ctx, req.params.orgId, req.params.itemId, req.body),
  );
  app.get(
    "/progress/records/:orgId/:itemId/history",
    { schema: { params: recordParams, querystring: historyQuery, response: { 200: listOf(historyEntry) } } },
    (req) => listRecordHistory(req.ctx, req.params.orgId, req.params.itemId, req.query),
  );
  app.post(
    "/progress/evidence",
    { schema: { response: { 201: z.object({ id: z.string(), name: z.string(), size: z.number() }) } } },
    async (req, reply) => reply.status(201).send(await storeEvidence(req.ctx, uploadOf(req))),
  );
  app.get("/progress/history/:id/evidence", { schema: { params: idParams } }, async (req, reply) =>
    sendDownload(reply, storedDownload(req.ctx, await evidenceFile(req.ctx, req.params.id))),
  );
  progressBulkRoutes(app);
  progressKpiRoutes(app);
}
