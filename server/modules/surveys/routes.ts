import { z } from "zod";
import { idParams, listOf, okResponse } from "../../../shared/api/common.js";
import {
  answer,
  answerInput,
  answerTable,
  board,
  exportQuery,
  extensionInput,
  fileParams,
  fileRef,
  orgParams,
  remindInput,
  results,
  resultsQuery,
  returnInput,
  survey,
  surveyCreate,
  surveyList,
  surveyListQuery,
  surveyPatch,
  tableQuery,
} from "../../../shared/api/surveys.js";
import { sendDownload, uploadOf } from "../../platform/files/http.js";
import type { App } from "../../platform/http/types.js";
import { getAnswer, saveAnswer, uploadAnswerFiles } from "./answers.js";
import { copySurvey, createSurvey, deleteSurvey, getSurvey, listSurveys, updateSurvey } from "./builder.js";
import { closeSurvey, publishSurvey, removeAttachment, reopenSurvey, surveyFile, uploadAttachments } from "./distribution.js";
import { exportCsv, exportXlsx } from "./export.js";
import { progressRoutes } from "./into-progress-routes.js";
import "./reminders.js";
import { getAnswerTable, getResults } from "./results.js";
import { extendDeadline, getBoard, remindLate, returnAnswer } from "./tracking.js";
import { workbookRoutes } from "./workbook/routes.js";

export function surveyRoutes(app: App) {
  app.get("/surveys", { schema: { querystring: surveyListQuery, response: { 200: surveyList } } }, (req) =>
    listSurveys(req.ctx, req.query),
  );
  app.post("/surveys", { schema: { body: surveyCreate, response: { 201: survey } } }, async (req, reply) =>
    reply.status(201).send(await createSurvey(req.ctx, req.body)),
  );
  app.get("/surveys/:id", { schema: { params: idParams, response: { 200: survey } } }, (req) =>
    getSurvey(req.ctx, req.params.id),
  );
  app.patch("/surveys/:id", { schema: { params: idParams, body: surveyPatch, response: { 200: survey } } }, (req) =>
    updateSurvey(req.ctx, req.params.id, req.body),
  );
  app.delete("/surveys/:id", { schema: { params: idParams, response: { 200: okResponse } } }, (req) =>
    deleteSurvey(req.ctx, req.params.id),
  );
  app.post("/surveys/:id/copy", { schema: { params: idParams, response: { 201: survey } } }, async (req, reply) =>
    reply.status(201).send(await copySurvey(req.ctx, req.params.id)),
  );
  app.post("/surveys/:id/publish", { schema: { params: idParams, response: { 200: survey } } }, (req) =>
    publishSurvey(req.ctx, req.params.id),
  );
  app.post("/surveys/:id/close", { schema: { params: idParams, response: { 200: survey } } }, (req) =>
    closeSurvey(req.ctx, req.params.id),
  );
  app.post("/surveys/:id/reopen", { schema: { params: idParams, response: { 200: survey } } }, (req) =>
    reopenSurvey(req.ctx, req.params.id),
  );
  app.post("/surveys/:id/attachments", { schema: { params: idParams, response: { 200: survey } } }, (req) =>
    uploadAttachments(req.ctx, req.params.id, uploadOf(req)),
  );
  app.delete("/surveys/:id/attachments/:fileId", { schema: { params: fileParams, response: { 200: survey } } }, (req) =>
    removeAttachment(req.ctx, req.params.id, req.params.fileId),
  );
  app.get("/surveys/:id/files/:fileId", { schema: { params: fileParams } }, async (req, reply) =>
    sendDownload(reply, await surveyFile(req.ctx, req.params.id, req.params.fileId)),
  );

  app.get("/surveys/:id/answers/:orgId", { schema: { params: orgParams, response: { 200: answer } } }, (req) =>
    getAnswer(req.ctx, req.params.id, req.params.orgId),
  );
  app.put("/surveys/:id/answers/:orgId", { schema: { params: orgParams, body: answerInput, response: { 200: answer } } }, (req) =>
    saveAnswer(req.ctx, req.params.id, req.params.orgId, req.body, false),
  );
  app.post(
    "/surveys/:id/answers/:orgId/submit",
    { schema: { params: orgParams, body: answerInput, response: { 200: answer } } },
    (req) => saveAnswer(req.ctx, req.params.id, req.params.orgId, req.body, true),
  );
  app.post("/surveys/:id/answers/:orgId/files", { schema: { params: orgParams, response: { 200: listOf(fileRef) } } }, (req) =>
    uploadAnswerFiles(req.ctx, req.params.id, req.params.orgId, uploadOf(req)),
  );
  app.post(
    "/surveys/:id/answers/:orgId/return",
    { schema: { params: orgParams, body: returnInput, response: { 200: answer } } },
    (req) => returnAnswer(req.ctx, req.params.id, req.params.orgId, req.body.comment),
  );
  app.put(
    "/surveys/:id/extensions/:orgId",
    { schema: { params: orgParams, body: extensionInput, response: { 200: answer } } },
    (req) => extendDeadline(req.ctx, req.params.id, req.params.orgId, req.body),
  );
  app.delete("/surveys/:id/extensions/:orgId", { schema: { params: orgParams, response: { 200: answer } } }, (req) =>
    extendDeadline(req.ctx, req.params.id, req.params.orgId, null),
  );

  app.get("/surveys/:id/status", { schema: { params: idParams, response: { 200: board } } }, (req) =>
    getBoard(req.ctx, req.params.id),
  );
  app.post(
    "/surveys/:id/remind",
    { schema: { params: idParams, body: remindInput, response: { 200: z.object({ reminded: z.number() }) } } },
    (req) => remindLate(req.ctx, req.params.id, req.body.orgIds),
  );
  app.get(
    "/surveys/:id/results",
    { schema: { params: idParams, querystring: resultsQuery, response: { 200: results } } },
    (req) => getResults(req.ctx, req.params.id, req.query),
  );
  app.get(
    "/surveys/:id/results/table",
    { schema: { params: idParams, querystring: tableQuery, response: { 200: answerTable } } },
    (req) => getAnswerTable(req.ctx, req.params.id, req.query),
  );
  app.get("/surveys/:id/export.xlsx", { schema: { params: idParams, querystring: resultsQuery } }, async (req, reply) =>
    sendDownload(reply, await exportXlsx(req.ctx, req.params.id, req.query)),
  );
  app.get("/surveys/:id/export.csv", { schema: { params: idParams, querystring: exportQuery } }, async (req, reply) =>
    sendDownload(reply, await exportCsv(req.ctx, req.params.id, req.query)),
  );
  progressRoutes(app);
  workbookRoutes(app);
}
