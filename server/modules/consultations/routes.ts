import { z } from "zod";
import { idParams, listOf, okResponse } from "../../../shared/api/common.js";
import {
  assignInput,
  consultationDetail,
  consultationPatch,
  consultationReport,
  exportQuery,
  mergeInput,
  queueQuery,
  queueResponse,
  reportExportQuery,
  reportQuery,
  staffMember,
  statusInput,
  templateInput,
  templateView,
} from "../../../shared/api/consultations.js";
import { engagementDetail, timeEntryView, timeInput } from "../../../shared/api/support.js";
import { type Download, storedDownload } from "../../platform/files/download.js";
import { sendDownload, uploadOf } from "../../platform/files/http.js";
import type { App } from "../../platform/http/types.js";
import { authorize } from "../../platform/policy/authorize.js";
import "./alerts.js";
import { staffWithLoad } from "./repo.js";
import { consultationReport as buildReportFor, exportConsultations, reportSheets } from "./reports.js";
import { editConsultation, fileConsultation, getConsultation, listConsultations } from "./service.js";
import { assignConsultation, changeStatus, mergeConsultation } from "./status.js";
import { createTemplate, deleteTemplate, listTemplates, updateTemplate } from "./templates.js";
import { attachmentFor, postMessage } from "./thread.js";
import { logConsultationTime, startSupport } from "./to-support.js";

const attachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });
const sheetDownload = (f: { data: Buffer; mime: string; name: string }): Download => ({
  filename: f.name,
  contentType: f.mime,
  body: f.data,
});

export function consultationRoutes(app: App) {
  app.get("/consultations", { schema: { querystring: queueQuery, response: { 200: queueResponse } } }, (req) =>
    listConsultations(req.ctx, req.query),
  );
  // Body: JSON (consultationInput) or multipart/form-data with the same fields plus files.
  app.post("/consultations", { schema: { response: { 201: consultationDetail } } }, async (req, reply) =>
    reply.status(201).send(await fileConsultation(req.ctx, uploadOf(req, { json: true }))),
  );
  app.get("/consultations/export", { schema: { querystring: exportQuery } }, async (req, reply) =>
    sendDownload(reply, sheetDownload(await exportConsultations(req.ctx, req.query))),
  );
  app.get("/consultations/reports", { schema: { querystring: reportQuery, response: { 200: consultationReport } } }, (req) =>
    buildReportFor(req.ctx, req.query),
  );
  app.get("/consultations/reports/export", { schema: { querystring: reportExportQuery } }, async (req, reply) => {
    const { format, ...q } = req.query;
    authorize(req.ctx.actor, "consultation.report");
    return sendDownload(reply, sheetDownload(await reportSheets(req.ctx, q, format)));
  });
  app.get("/consultations/staff", { schema: { response: { 200: listOf(staffMember) } } }, async (req) => {
    authorize(req.ctx.actor, "consultation.workDesk");
    const rows = await staffWithLoad(req.ctx);
    return { items: rows.map((r) => ({ id: r.id, name: r.name, role: r.role, openCount: Number(r.open_count) })) };
  });
  app.get("/consultations/:id", { schema: { params: idParams, response: { 200: consultationDetail } } }, (req) =>
    getConsultation(req.ctx, req.params.id),
  );
  app.patch(
    "/consultations/:id",
    { schema: { params: idParams, body: consultationPatch, response: { 200: consultationDetail } } },
    (req) => editConsultation(req.ctx, req.params.id, req.body),
  );
  // Body: JSON (messageInput) or multipart/form-data with kind, body, status and files.
  app.post(
    "/consultations/:id/messages",
    { schema: { params: idParams, response: { 201: consultationDetail } } },
    async (req, reply) => reply.status(201).send(await postMessage(req.ctx, req.params.id, uploadOf(req, { json: true }))),
  );
  app.post(
    "/consultations/:id/assign",
    { schema: { params: idParams, body: assignInput, response: { 200: consultationDetail } } },
    (req) => assignConsultation(req.ctx, req.params.id, req.body.assigneeId),
  );
  app.post(
    "/consultations/:id/status",
    { schema: { params: idParams, body: statusInput, response: { 200: consultationDetail } } },
    (req) => changeStatus(req.ctx, req.params.id, req.body.status),
  );
  // From desk to support: a support engagement for the town, linked to this consultation.
  app.post(
    "/consultations/:id/support",
    { schema: { params: idParams, response: { 201: engagementDetail } } },
    async (req, reply) => reply.status(201).send(await startSupport(req.ctx, req.params.id)),
  );
  app.post(
    "/consultations/:id/time",
    { schema: { params: idParams, body: timeInput, response: { 201: timeEntryView } } },
    async (req, reply) => reply.status(201).send(await logConsultationTime(req.ctx, req.params.id, req.body)),
  );
  app.post(
    "/consultations/:id/merge",
    { schema: { params: idParams, body: mergeInput, response: { 200: consultationDetail } } },
    (req) => mergeConsultation(req.ctx, req.params.id, req.body.targetId),
  );
  app.get("/consultations/:id/attachments/:attachmentId", { schema: { params: attachmentParams } }, async (req, reply) => {
    const file = await attachmentFor(req.ctx, req.params.id, req.params.attachmentId);
    return sendDownload(reply, storedDownload(req.ctx, file, { inline: (req.query as { inline?: string }).inline === "1" }));
  });

  app.get("/consultation-templates", { schema: { response: { 200: listOf(templateView) } } }, (req) => listTemplates(req.ctx));
  app.post("/consultation-templates", { schema: { body: templateInput, response: { 201: templateView } } }, async (req, reply) =>
    reply.status(201).send(await createTemplate(req.ctx, req.body)),
  );
  app.put(
    "/consultation-templates/:id",
    { schema: { params: idParams, body: templateInput, response: { 200: templateView } } },
    (req) => updateTemplate(req.ctx, req.params.id, req.body),
  );
  app.delete("/consultation-templates/:id", { schema: { params: idParams, response: { 200: okResponse } } }, async (req) => {
    await deleteTemplate(req.ctx, req.params.id);
    return { ok: true as const };
  });
}
