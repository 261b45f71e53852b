import { z } from "zod";
import { idParams } from "../../../shared/api/common.js";
import {
  compareQuery,
  comparison,
  correctionInput,
  meetingsInput,
  participantsInput,
  phasesInput,
  projectDetail,
  projectInput,
  projectList,
  projectPatch,
  scenarioDetail,
  scenarioInput,
  scenarioPatch,
  summaryQuery,
  summaryResponse,
  usageFromProgressInput,
  usageFromSurveyInput,
} from "../../../shared/api/procurement.js";
import { sendDownload, uploadOf } from "../../platform/files/http.js";
import type { App } from "../../platform/http/types.js";
import { createProject, getProject, listProjects, setMeetings, setParticipants, setPhases, updateProject } from "./projects.js";
import { compareScenarios, correctScenario, createScenario, freezeScenario, getScenario, updateScenario } from "./scenarios.js";
import { importUsageXlsx } from "./usage.js";
import { usageFromProgress, usageFromSurvey } from "./usage-sources.js";

/** pdf-lib and exceljs load on the first download, not at start. */
const outputs = () => import("./outputs.js");
const project = { params: idParams, response: { 200: projectDetail } };
const scenario = { params: idParams, response: { 200: scenarioDetail } };
const noticeParams = z.object({ id: z.uuid(), orgId: z.uuid() });

export function procurementRoutes(app: App) {
  app.get("/procurement/projects", { schema: { response: { 200: projectList } } }, (req) => listProjects(req.ctx));
  app.post("/procurement/projects", { schema: { body: projectInput, response: { 201: projectDetail } } }, async (req, reply) =>
    reply.status(201).send(await createProject(req.ctx, req.body)),
  );
  app.get("/procurement/projects/:id", { schema: project }, (req) => getProject(req.ctx, req.params.id));
  app.patch("/procurement/projects/:id", { schema: { ...project, body: projectPatch } }, (req) =>
    updateProject(req.ctx, req.params.id, req.body),
  );
  app.put("/procurement/projects/:id/participants", { schema: { ...project, body: participantsInput } }, (req) =>
    setParticipants(req.ctx, req.params.id, req.body),
  );
  app.put("/procurement/projects/:id/phases", { schema: { ...project, body: phasesInput } }, (req) =>
    setPhases(req.ctx, req.params.id, req.body),
  );
  app.put("/procurement/projects/:id/meetings", { schema: { ...project, body: meetingsInput } }, (req) =>
    setMeetings(req.ctx, req.params.id, req.body),
  );
  app.post(
    "/procurement/projects/:id/scenarios",
    { schema: { params: idParams, body: scenarioInput, response: { 201: scenarioDetail } } },
    async (req, reply) => reply.status(201).send(await createScenario(req.ctx, req.params.id, req.body)),
  );
  app.get("/procurement/scenarios/:id", { schema: scenario }, (req) => getScenario(req.ctx, req.params.id));
  app.patch("/procurement/scenarios/:id", { schema: { ...scenario, body: scenarioPatch } }, (req) =>
    updateScenario(req.ctx, req.params.id, req.body),
  );
  app.post("/procurement/scenarios/:id/freeze", { schema: scenario }, (req) => freezeScenario(req.ctx, req.params.id));
  app.post(
    "/procurement/scenarios/:id/corrections",
    { schema: { params: idParams, body: correctionInput, response: { 201: scenarioDetail } } },
    async (req, reply) => reply.status(201).send(await correctScenario(req.ctx, req.params.id, req.body)),
  );
  app.post("/procurement/scenarios/:id/usage.xlsx", { schema: scenario }, (req) =>
    importUsageXlsx(req.ctx, req.params.id, uploadOf(req)),
  );
  app.post("/procurement/scenarios/:id/usage/from-progress", { schema: { ...scenario, body: usageFromProgressInput } }, (req) =>
    usageFromProgress(req.ctx, req.params.id, req.body),
  );
  app.post("/procurement/scenarios/:id/usage/from-survey", { schema: { ...scenario, body: usageFromSurveyInput } }, (req) =>
    usageFromSurvey(req.ctx, req.params.id, req.body),
  );
  app.get("/procurement/compare", { schema: { querystring: compareQuery, response: { 200: comparison } } }, (req) =>
    compareScenarios(req.ctx, req.query),
  );
  app.get("/procurement/summary", { schema: { querystring: summaryQuery, response: { 200: summaryResponse } } }, async (req) =>
    (await outputs()).paymentSummary(req.ctx, req.query.fiscalYear),
  );
  app.get("/procurement/summary.xlsx", { schema: { querystring: summaryQuery } }, async (req, reply) =>
    sendDownload(reply, await (await outputs()).paymentSummaryXlsx(req.ctx, req.query.fiscalYear)),
  );
  app.get("/procurement/scenarios/:id/table.xlsx", { schema: { params: idParams } }, async (req, reply) =>
    sendDownload(reply, await (await outputs()).tableXlsx(req.ctx, req.params.id)),
  );
  app.get("/procurement/scenarios/:id/table.pdf", { schema: { params: idParams } }, async (req, reply) =>
    sendDownload(reply, await (await outputs()).tablePdf(req.ctx, req.params.id)),
  );
  app.get("/procurement/scenarios/:id/notices/:orgId.pdf", { schema: { params: noticeParams } }, async (req, reply) =>
    sendDownload(reply, await (await outputs()).noticePdf(req.ctx, req.params.id, req.params.orgId)),
  );
}
