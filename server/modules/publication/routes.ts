import { z } from "zod";
import { idParams, listOf } from "../../../shared/api/common.js";
import {
  programmeDisclosure,
  programmeDisclosureInput,
  publicationApply,
  publicationInput,
  publicationPreview,
  publicationState,
} from "../../../shared/api/publication.js";
import { sendDownload } from "../../platform/files/http.js";
import type { App } from "../../platform/http/types.js";
import { buildSiteExport } from "./export.js";
import { applyPublication, getPublication, previewPublication } from "./levels.js";
import { listProgrammeDisclosure, setProgrammeDisclosure } from "./programmes.js";

/** The secretariat's side of publication (under /api); the public site itself is site-routes.ts. */
export function publicationRoutes(app: App) {
  app.get("/meetings/:id/publication", { schema: { params: idParams, response: { 200: publicationState } } }, (req) =>
    getPublication(req.ctx, req.params.id),
  );
  app.post(
    "/meetings/:id/publication/preview",
    { schema: { params: idParams, body: publicationInput, response: { 200: publicationPreview } } },
    (req) => previewPublication(req.ctx, req.params.id, req.body),
  );
  app.put(
    "/meetings/:id/publication",
    { schema: { params: idParams, body: publicationApply, response: { 200: publicationState } } },
    (req) => applyPublication(req.ctx, req.params.id, req.body),
  );
  app.get("/publication/programmes", { schema: { response: { 200: listOf(programmeDisclosure) } } }, (req) =>
    listProgrammeDisclosure(req.ctx),
  );
  app.put(
    "/publication/programmes/:id",
    { schema: { params: idParams, body: programmeDisclosureInput, response: { 200: programmeDisclosure } } },
    (req) => setProgrammeDisclosure(req.ctx, req.params.id, req.body.level),
  );
  app.get("/publication/export.zip", { schema: { querystring: z.object({}) } }, async (req, reply) =>
    sendDownload(reply, await buildSiteExport(req.ctx)),
  );
}
