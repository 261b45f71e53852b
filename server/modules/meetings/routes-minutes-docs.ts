import { idParams } from "../../../shared/api/common.js";
import { contentDisposition } from "../../platform/files/http.js";
import type { App } from "../../platform/http/types.js";
import { minutesDocument, minutesDocx, minutesPdf } from "./minutes-docs.js";

const safe = (s: string) => s.replace(/[\\/:*?"<>|]/g, "_");

/** The 議事録 as PDF and Word, for whoever may read the minutes (members: the published revision). */
export function minutesDocRoutes(app: App) {
  app.get("/meetings/:id/minutes.pdf", { schema: { params: idParams } }, async (req, reply) => {
    const m = await minutesDocument(req.ctx, req.params.id);
    return reply
      .header("content-type", "application/pdf")
      .header("content-disposition", contentDisposition(`${safe(m.title)}.pdf`))
      .header("cache-control", "private, max-age=0")
      .send(Buffer.from(await minutesPdf(m)));
  });
  app.get("/meetings/:id/minutes.docx", { schema: { params: idParams } }, async (req, reply) => {
    const m = await minutesDocument(req.ctx, req.params.id);
    return reply
      .header("content-type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
      .header("content-disposition", contentDisposition(`${safe(m.title)}.docx`))
      .header("cache-control", "private, max-age=0")
      .send(await minutesDocx(m));
  });
}
