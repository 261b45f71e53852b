import { idParams } from "../../../../shared/api/common.js";
import {
  checkInput,
  checkResult,
  relayInfo,
  relayInput,
  relayList,
  relayListQuery,
  uploadPreview,
  workbookImportResult,
  workbookInfo,
} from "../../../../shared/api/relay.js";
import { orgParams } from "../../../../shared/api/surveys.js";
import type { App } from "../../../platform/http/types.js";
import { setChecks } from "../checks.js";
import { getRelay, listRelays, putRelay } from "./relay.js";
import {
  downloadCollation,
  downloadOrgCopies,
  downloadOrgCopy,
  getWorkbookInfo,
  importWorkbook,
  previewOrgUpload,
  writeIntoUploaded,
} from "./service.js";

/** The 照会 relay with the ministry's own workbook (multipart bodies; downloads are files). */
export function workbookRoutes(app: App) {
  app.post("/surveys/:id/checks", { schema: { params: idParams, body: checkInput, response: { 200: checkResult } } }, (req) =>
    setChecks(req.ctx, req.params.id, req.body),
  );
  app.get("/surveys/relays", { schema: { querystring: relayListQuery, response: { 200: relayList } } }, (req) =>
    listRelays(req.ctx, req.query.fiscalYear),
  );
  app.get("/surveys/:id/relay", { schema: { params: idParams, response: { 200: relayInfo } } }, (req) =>
    getRelay(req.ctx, req.params.id),
  );
  app.put("/surveys/:id/relay", { schema: { params: idParams, body: relayInput, response: { 200: relayInfo } } }, (req) =>
    putRelay(req.ctx, req.params.id, req.body),
  );
  app.post("/surveys/import-workbook", { schema: { response: { 201: workbookImportResult } } }, async (req, reply) =>
    reply.status(201).send(await importWorkbook(req, req.ctx)),
  );
  app.get("/surveys/:id/workbook", { schema: { params: idParams, response: { 200: workbookInfo } } }, (req) =>
    getWorkbookInfo(req.ctx, req.params.id),
  );
  app.get("/surveys/:id/workbook/collation.xlsx", { schema: { params: idParams } }, (req, reply) =>
    downloadCollation(reply, req.ctx, req.params.id),
  );
  app.post("/surveys/:id/workbook/collation.xlsx", { schema: { params: idParams } }, (req, reply) =>
    writeIntoUploaded(req, reply, req.ctx, req.params.id),
  );
  app.get("/surveys/:id/workbook/copies.zip", { schema: { params: idParams } }, (req, reply) =>
    downloadOrgCopies(reply, req.ctx, req.params.id),
  );
  app.get("/surveys/:id/answers/:orgId/workbook.xlsx", { schema: { params: orgParams } }, (req, reply) =>
    downloadOrgCopy(reply, req.ctx, req.params.id, req.params.orgId),
  );
  app.post("/surveys/:id/answers/:orgId/workbook", { schema: { params: orgParams, response: { 200: uploadPreview } } }, (req) =>
    previewOrgUpload(req, req.ctx, req.params.id, req.params.orgId),
  );
}
