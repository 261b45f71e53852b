import { z } from "zod";
import { idParams, listOf } from "../../../shared/api/common.js";
import { org, orgImportResult, orgInput, orgListQuery, orgPatch } from "../../../shared/api/orgs.js";
import type { App } from "../../platform/http/types.js";
import { createOrg, getOrg, importOrgs, listOrgs, updateOrg } from "./service.js";

export function orgRoutes(app: App) {
  app.get("/orgs", { schema: { querystring: orgListQuery, response: { 200: listOf(org) } } }, (req) =>
    listOrgs(req.ctx, req.query),
  );
  app.get("/orgs/:id", { schema: { params: idParams, response: { 200: org } } }, (req) => getOrg(req.ctx, req.params.id));
  app.post("/orgs", { schema: { body: orgInput, response: { 201: org } } }, async (req, reply) =>
    reply.status(201).send(await createOrg(req.ctx, req.body)),
  );
  app.patch("/orgs/:id", { schema: { params: idParams, body: orgPatch, response: { 200: org } } }, (req) =>
    updateOrg(req.ctx, req.params.id, req.body),
  );
  // The CSV is sent as JSON text ({ csv }) so the same CSRF and size rules apply as everywhere else.
  app.post(
    "/orgs/import",
    { schema: { body: z.object({ csv: z.string().min(1, "CSVが空です").max(5_000_000) }), response: { 200: orgImportResult } } },
    (req) => importOrgs(req.ctx, req.body.csv),
  );
}
