import { idParams } from "../../../shared/api/common.js";
import { org, orgImportResult, orgInput, orgListQuery, orgPatch } from "../../../shared/api/orgs.js";
import { pageOf } from "../../../shared/api/paging.js";
import { uploadOf } from "../../platform/files/http.js";
import type { App } from "../../platform/http/types.js";
import { createOrg, getOrg, importOrgs, listOrgs, updateOrg } from "./service.js";

export function orgRoutes(app: App) {
  app.get("/orgs", { schema: { querystring: orgListQuery, response: { 200: pageOf(org) } } }, (req) =>
    listOrgs(req.ctx, req.query),
  );
  app.get("/orgs/:id", { schema: { params: idParams, response: { 200: org } } }, (req) => getOrg(req.ctx, req.params.id));
  app.post("/orgs", { schema: { body: orgInput, response: { 201: org } } }, async (req, reply) =>
    reply.status(201).send(await createOrg(req.ctx, req.body)),
  );
  app.patch("/orgs/:id", { schema: { params: idParams, body: orgPatch, response: { 200: org } } }, (req) =>
    updateOrg(req.ctx, req.params.id, req.body),
  );
  // The CSV comes as a file (multipart `file`): the server decodes it like `renkei org import` does.
  app.post("/orgs/import", { schema: { response: { 200: orgImportResult } } }, async (req) => importOrgs(req.ctx, uploadOf(req)));
}
