import { auditEntry, auditQuery } from "../../../shared/api/audit.js";
import { listOf } from "../../../shared/api/common.js";
import { sendDownload } from "../../platform/files/http.js";
import type { App } from "../../platform/http/types.js";
import { exportAuditCsv, listAudit } from "./service.js";

export function auditRoutes(app: App) {
  app.get("/audit", { schema: { querystring: auditQuery, response: { 200: listOf(auditEntry) } } }, (req) =>
    listAudit(req.ctx, req.query),
  );
  app.get("/audit/export.csv", { schema: { querystring: auditQuery } }, async (req, reply) =>
    sendDownload(reply, await exportAuditCsv(req.ctx, req.query)),
  );
}
