import { z } from "zod";
import { idParams } from "../../../shared/api/common.js";
import { exportJob, exportJobInput, exportQuery, importResult } from "../../../shared/api/progress-views.js";
import { storedDownload } from "../../platform/files/download.js";
import { sendDownload, uploadOf } from "../../platform/files/http.js";
import type { App } from "../../platform/http/types.js";
import { exportDefinitions, importDefinitions } from "./definitions-csv.js";
import { exportProgress } from "./export.js";
import { exportJobFile, getExportJob, requestProgrammeExport } from "./export-jobs.js";
import { importProgress } from "./import.js";

const counts = z.object({ created: z.number(), updated: z.number() });
const definitionImportResult = z.object({
  dryRun: z.boolean(),
  encoding: z.string(),
  creates: z.array(
    z.object({ line: z.number(), kind: z.enum(["programme", "item", "step", "metric"]), code: z.string(), name: z.string() }),
  ),
  programmes: counts,
  items: counts,
  steps: counts,
  metrics: counts,
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
});

/** Spreadsheet import (with its dry run) and export, and the definitions as CSV. */
export function progressBulkRoutes(app: App) {
  // The spreadsheet comes as multipart (field `file`, and `dryRun`: "false" writes; anything else previews).
  app.post("/progress/import", { schema: { response: { 200: importResult } } }, (req) => importProgress(req.ctx, uploadOf(req)));
  app.get("/progress/export", { schema: { querystring: exportQuery } }, async (req, reply) =>
    sendDownload(reply, await exportProgress(req.ctx, req.query)),
  );
  // The whole programme's XLSX is written by a background job: ask, follow its percentage, then download.
  app.post("/progress/exports", { schema: { body: exportJobInput, response: { 202: exportJob } } }, async (req, reply) =>
    reply.status(202).send(await requestProgrammeExport(req.ctx, req.body)),
  );
  app.get("/progress/exports/:id", { schema: { params: idParams, response: { 200: exportJob } } }, (req) =>
    getExportJob(req.ctx, req.params.id),
  );
  app.get("/progress/exports/:id/file", { schema: { params: idParams } }, async (req, reply) =>
    sendDownload(reply, storedDownload(req.ctx, await exportJobFile(req.ctx, req.params.id))),
  );
  // The CSV comes as a file (multipart `file`, `dryRun`: "false" to write), decoded on the server like every text input.
  app.post("/progress/definitions/import", { schema: { response: { 200: definitionImportResult } } }, (req) =>
    importDefinitions(req.ctx, uploadOf(req)),
  );
  app.get("/progress/programmes/:id/definitions.csv", { schema: { params: idParams } }, async (req, reply) =>
    sendDownload(reply, await exportDefinitions(req.ctx, req.params.id)),
  );
}
