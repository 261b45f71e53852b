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
import { sendDownload, uploadOf } from "../../../platform/files/http.js";
import type { App } from "../../../platform/http/types.js";
import { setChecks } from "../checks.js";
import { getRelay, listRelays, putRelay } from "./relay.js";
import {
  collationFile,
  collationInto,
  getWorkbookInfo,
  importWorkbook,
  orgCopiesZip,
  orgCopy,
  previewOrgUpload,
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
    reply.status(201).send(await importWorkbook(req.ctx, uploadOf(req))),
  );
  app.get("/surveys/:id/workbook", { schema: { params: idParams, response: { 200: workbookInfo } } }, (req) =>
    getWorkbookInfo(req.ctx, req.params.id),
  );
  app.get("/surveys/:id/workbook/collation.xlsx", { schema: { params: idParams } }, async (req, reply) =>
    sendDownload(reply, await collationFile(req.ctx, req.params.id)),
  );
  app.post("/surveys/:id/workbook/collation.xlsx", { schema: { params: idParams } }, async (req, reply) =>
    sendDownload(reply, await collationInto(req.ctx, req.params.id, uploadOf(req))),
  );
  app.get("/surveys/:id/workbook/copies.zip", { schema: { params: idParams } }, async (req, reply) =>
    sendDownload(reply, await orgCopiesZip(req.ctx, req.params.id)),
  );
  app.get("/surveys/:id/answers/:orgId/workbook.xlsx", { schema: { params: orgParams } }, async (req, reply) =>
    sendDownload(reply, await orgCopy(req.ctx, req.params.id, req.params.orgId)),
  );
  app.post("/surveys/:id/answers/:orgId/workbook", { schema: { params: orgParams, response: { 200: uploadPreview } } }, (req) =>
    previewOrgUpload(req.ctx, req.params.id, req.params.orgId, uploadOf(req)),
  );
}
