import { idParams } from "../../../shared/api/common.js";
import { sendDownload } from "../../platform/files/http.js";
import type { App } from "../../platform/http/types.js";

/** docx and pdf-lib load on the first download, not at start. */
const docs = () => import("./minutes-docs.js");

const docxMime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const safe = (s: string) => s.replace(/[\\/:*?"<>|]/g, "_");

/** The 議事録 as PDF and Word, for whoever may read the minutes (members: the published revision). */
export function minutesDocRoutes(app: App) {
  app.get("/meetings/:id/minutes.pdf", { schema: { params: idParams } }, async (req, reply) => {
    const { minutesDocument, minutesPdf } = await docs();
    const m = await minutesDocument(req.ctx, req.params.id);
    return sendDownload(reply, { filename: `${safe(m.title)}.pdf`, contentType: "application/pdf", body: await minutesPdf(m) });
  });
  app.get("/meetings/:id/minutes.docx", { schema: { params: idParams } }, async (req, reply) => {
    const { minutesDocument, minutesDocx } = await docs();
    const m = await minutesDocument(req.ctx, req.params.id);
    return sendDownload(reply, { filename: `${safe(m.title)}.docx`, contentType: docxMime, body: await minutesDocx(m) });
  });
}
