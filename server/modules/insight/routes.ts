import {
  acceptInput,
  acceptResult,
  dismissInput,
  insightRules,
  meetingParams,
  radarBacktest,
  radarBacktestQuery,
  radarPlanInput,
  radarView,
  rulesResponse,
  suggestionList,
} from "../../../shared/api/insight.js";
import {
  annualReportFileParams,
  annualReportInput,
  annualReportJob,
  annualReportParams,
} from "../../../shared/api/insight-report.js";
import { sendDownload } from "../../platform/files/http.js";
import type { App } from "../../platform/http/types.js";
import { getRadarBacktest } from "./radar-backtest.js";
import { getRadar, saveRadarPlan } from "./radar-service.js";
import { annualReportFile, getAnnualReport, requestAnnualReport } from "./report-service.js";
import { acceptSuggestion, dismissSuggestion, getRules, meetingSuggestions, updateRules } from "./service.js";

export function insightRoutes(app: App) {
  app.get("/insight/rules", { schema: { response: { 200: rulesResponse } } }, (req) => getRules(req.ctx));
  app.put("/insight/rules", { schema: { body: insightRules, response: { 200: rulesResponse } } }, (req) =>
    updateRules(req.ctx, req.body),
  );
  app.get("/insight/meetings/:id/suggestions", { schema: { params: meetingParams, response: { 200: suggestionList } } }, (req) =>
    meetingSuggestions(req.ctx, req.params.id),
  );
  app.post(
    "/insight/meetings/:id/suggestions/accept",
    { schema: { params: meetingParams, body: acceptInput, response: { 201: acceptResult } } },
    async (req, reply) => reply.status(201).send(await acceptSuggestion(req.ctx, req.params.id, req.body)),
  );
  app.post(
    "/insight/meetings/:id/suggestions/dismiss",
    { schema: { params: meetingParams, body: dismissInput, response: { 200: suggestionList } } },
    (req) => dismissSuggestion(req.ctx, req.params.id, req.body),
  );
  app.get("/insight/radar", { schema: { response: { 200: radarView } } }, (req) => getRadar(req.ctx));
  app.get("/insight/radar/backtest", { schema: { querystring: radarBacktestQuery, response: { 200: radarBacktest } } }, (req) =>
    getRadarBacktest(req.ctx, req.query),
  );
  app.put("/insight/radar/plan", { schema: { body: radarPlanInput, response: { 200: radarView } } }, (req) =>
    saveRadarPlan(req.ctx, req.body),
  );
  // The annual report: asked for (202, written by the job), followed, then downloaded as DOCX or PDF.
  app.post("/insight/reports", { schema: { body: annualReportInput, response: { 202: annualReportJob } } }, async (req, reply) =>
    reply.status(202).send(await requestAnnualReport(req.ctx, req.body)),
  );
  app.get("/insight/reports/:id", { schema: { params: annualReportParams, response: { 200: annualReportJob } } }, (req) =>
    getAnnualReport(req.ctx, req.params.id),
  );
  app.get("/insight/reports/:id/:format", { schema: { params: annualReportFileParams } }, async (req, reply) =>
    sendDownload(reply, await annualReportFile(req.ctx, req.params.id, req.params.format)),
  );
}
