import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { idParams } from "../../../shared/api/common.js";
import { exportQuery, importResult } from "../../../shared/api/progress-views.js";
import { AppError } from "../../platform/errors.js";
import { sendCsvFile } from "../../platform/files/csv.js";
import { contentDisposition } from "../../platform/files/http.js";
import { xlsxMime } from "../../platform/files/xlsx.js";
import type { App } from "../../platform/http/types.js";
import { exportDefinitions, importDefinitions } from "./definitions-csv.js";
import { exportProgress } from "./export.js";
import { importProgress } from "./import.js";

/** The spreadsheet comes as multipart (field `file`, and `dryRun`: "true" previews without writing). */
async function readImportUpload(req: FastifyRequest) {
  if (!req.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "ファイルは multipart/form-data で送ってください。");
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; name: string } | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === "file") {
        if (file || !part.filename) part.file.resume();
        else file = { bytes: await part.toBuffer(), name: part.filename };
      } else fields[part.fieldname] = String(part.value ?? "");
    }
  } catch (err) {
    if ((err as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE")
      throw new AppError("PAYLOAD_TOO_LARGE", "ファイルが大きすぎます。項目ごとに分けて取り込んでください。");
    throw err;
  }
  if (!file?.bytes.length)
    throw new AppError("VALIDATION_FAILED", "取り込むファイルを選んでください。", {
      issues: [{ path: "file", message: "ファイルを選んでください" }],
    });
  return { file, dryRun: fields.dryRun !== "false" };
}

const counts = z.object({ created: z.number(), updated: z.number() });
const definitionImportResult = z.object({
  dryRun: z.boolean(),
  programmes: counts,
  items: counts,
  steps: counts,
  metrics: counts,
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
});

/** Spreadsheet import (with its dry run) and export, and the definitions as CSV. */
export function progressBulkRoutes(app: App) {
  app.post("/progress/import", { schema: { response: { 200: importResult } } }, async (req) => {
    const { file, dryRun } = await readImportUpload(req);
    return importProgress(req.ctx, file, { dryRun });
  });
  app.get("/progress/export", { schema: { querystring: exportQuery } }, async (req, reply) => {
    const out = await exportProgress(req.ctx, req.query);
    if (out.csv) return sendCsvFile(reply, out.csv, out.fileName);
    return reply
      .header("content-type", xlsxMime)
      .header("content-disposition", contentDisposition(out.fileName))
      .header("cache-control", "private, max-age=0")
      .send(out.xlsx);
  });
  // The CSV comes as JSON text ({ csv }) like the organisations import: same CSRF and size rules as everywhere.
  app.post(
    "/progress/definitions/import",
    {
      schema: {
        body: z.object({ csv: z.string().min(1, "CSVが空です").max(5_000_000), dryRun: z.boolean().default(true) }),
        response: { 200: definitionImportResult },
      },
    },
    (req) => importDefinitions(req.ctx, req.body.csv, { dryRun: req.body.dryRun }),
  );
  app.get("/progress/programmes/:id/definitions.csv", { schema: { params: idParams } }, async (req, reply) => {
    const { text, fileName } = await exportDefinitions(req.ctx, req.params.id);
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", contentDisposition(fileName))
      .send(text);
  });
}
