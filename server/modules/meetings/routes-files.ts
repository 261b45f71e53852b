import { z } from "zod";
import { idParams } from "../../../shared/api/common.js";
import { materialOrder, materialPatch, meetingDetail } from "../../../shared/api/meetings.js";
import { sendDownload, uploadOf } from "../../platform/files/http.js";
import type { App } from "../../platform/http/types.js";
import { attendanceCsv, attendanceXlsx } from "./attendance.js";
import { materialsZip, meetingPack } from "./bundles.js";
import { meetingIcsDownload, personalFeed } from "./calendar.js";
import { deleteMaterial, materialFile, replaceMaterial, uploadMaterials } from "./materials.js";
import { orderMaterials, updateMaterial } from "./materials-edit.js";

const materialParams = z.object({ id: z.uuid(), materialId: z.uuid() });
const versionQuery = z.object({ version: z.coerce.number().int().min(1).optional(), inline: z.enum(["1"]).optional() });

/** Uploads and downloads: materials, the ZIP, the meeting pack, exports and calendars. */
export function meetingFileRoutes(app: App) {
  app.post("/meetings/:id/materials", { schema: { params: idParams, response: { 201: meetingDetail } } }, async (req, reply) =>
    reply.status(201).send(await uploadMaterials(req.ctx, req.params.id, uploadOf(req))),
  );
  app.post(
    "/meetings/:id/materials/:materialId/versions",
    { schema: { params: materialParams, response: { 201: meetingDetail } } },
    async (req, reply) =>
      reply.status(201).send(await replaceMaterial(req.ctx, req.params.id, req.params.materialId, uploadOf(req))),
  );
  app.put(
    "/meetings/:id/materials/order",
    { schema: { params: idParams, body: materialOrder, response: { 200: meetingDetail } } },
    (req) => orderMaterials(req.ctx, req.params.id, req.body),
  );
  app.patch(
    "/meetings/:id/materials/:materialId",
    { schema: { params: materialParams, body: materialPatch, response: { 200: meetingDetail } } },
    (req) => updateMaterial(req.ctx, req.params.id, req.params.materialId, req.body),
  );
  app.delete(
    "/meetings/:id/materials/:materialId",
    { schema: { params: materialParams, response: { 200: meetingDetail } } },
    (req) => deleteMaterial(req.ctx, req.params.id, req.params.materialId),
  );
  app.get(
    "/meetings/:id/materials/:materialId/file",
    { schema: { params: materialParams, querystring: versionQuery } },
    async (req, reply) =>
      sendDownload(
        reply,
        await materialFile(req.ctx, req.params.id, req.params.materialId, {
          version: req.query.version,
          inline: req.query.inline === "1",
        }),
      ),
  );
  app.get("/meetings/:id/materials.zip", { schema: { params: idParams } }, async (req, reply) =>
    sendDownload(reply, await materialsZip(req.ctx, req.params.id)),
  );
  app.get(
    "/meetings/:id/pack.pdf",
    { schema: { params: idParams, querystring: versionQuery.pick({ inline: true }) } },
    async (req, reply) => sendDownload(reply, await meetingPack(req.ctx, req.params.id, { inline: req.query.inline === "1" })),
  );
  app.get("/meetings/:id/attendance.csv", { schema: { params: idParams } }, async (req, reply) =>
    sendDownload(reply, await attendanceCsv(req.ctx, req.params.id)),
  );
  app.get("/meetings/:id/attendance.xlsx", { schema: { params: idParams } }, async (req, reply) =>
    sendDownload(reply, await attendanceXlsx(req.ctx, req.params.id)),
  );
  app.get("/meetings/:id/meeting.ics", { schema: { params: idParams } }, async (req, reply) =>
    sendDownload(reply, await meetingIcsDownload(req.ctx, req.params.id)),
  );
  // Public: calendar apps fetch it without a session; the secret token in the path is checked in the service.
  app.get(
    "/calendar/feed/:token",
    { config: { public: true }, schema: { params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}\.ics$/) }) } },
    async (req, reply) => sendDownload(reply, await personalFeed(req.ctx, req.params.token.replace(/\.ics$/, ""))),
  );
}
