import { z } from "zod";
import { handoverBatch, handoverLetter } from "../../../shared/api/handover.js";
import { sendDownload, uploadOf } from "../../platform/files/http.js";
import { textField } from "../../platform/files/upload.js";
import type { App } from "../../platform/http/types.js";
import { applyHandover, handoverLetter as letterOf, listHandoverBatches, previewHandover } from "./service.js";

const userParams = z.object({ userId: z.uuid() });

export function handoverRoutes(app: App) {
  // The transfer list as a file (multipart `file`): the preview writes nothing.
  app.post("/handover/preview", { schema: { response: { 200: handoverBatch } } }, async (req) =>
    previewHandover(req.ctx, (await uploadOf(req).read()).file),
  );
  // `mode`: "now" applies at once; "scheduled" applies on the list's 異動日 (a job that morning).
  app.post("/handover/apply", { schema: { response: { 200: handoverBatch } } }, async (req) => {
    const { file, fields } = await uploadOf(req).read();
    return applyHandover(req.ctx, file, textField(fields, "mode") === "scheduled" ? "scheduled" : "now");
  });
  app.get("/handover/batches", (req) => listHandoverBatches(req.ctx));
  app.get("/handover/letters/me", { schema: { response: { 200: handoverLetter } } }, (req) =>
    letterOf(req.ctx, req.ctx.actor?.userId ?? ""),
  );
  app.get("/handover/letters/:userId", { schema: { params: userParams, response: { 200: handoverLetter } } }, (req) =>
    letterOf(req.ctx, req.params.userId),
  );
  app.get("/handover/letters/:userId/pdf", { schema: { params: userParams } }, async (req, reply) => {
    const { handoverLetterPdf } = await import("./letter-pdf.js"); // pdf-lib loads with the first PDF, not at start
    return sendDownload(reply, await handoverLetterPdf(req.ctx, req.params.userId));
  });
}
