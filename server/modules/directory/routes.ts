import { directoryReport, directoryStatus } from "../../../shared/api/directory.js";
import type { App } from "../../platform/http/types.js";
import * as directory from "./service.js";

/** Directory sync (LDAP / Active Directory): its settings, a dry run's report, and a sync on demand. */
export function directoryRoutes(app: App) {
  app.get("/directory", { schema: { response: { 200: directoryStatus } } }, (req) => directory.directoryStatus(req.ctx));
  app.post("/directory/dry-run", { schema: { response: { 200: directoryReport } } }, (req) =>
    directory.syncForActor(req.ctx, true),
  );
  app.post("/directory/sync", { schema: { response: { 200: directoryReport } } }, (req) =>
    directory.syncForActor(req.ctx, false),
  );
}
