import { z } from "zod";
import { idParams, okResponse } from "../../../shared/api/common.js";
import {
  flagInput,
  noticeDetail,
  noticeInput,
  noticeList,
  noticePatch,
  noticeQuery,
  publishInput,
  readStatus,
  remindResult,
} from "../../../shared/api/notices.js";
import { sendDownload, uploadOf } from "../../platform/files/http.js";
import type { App } from "../../platform/http/types.js";
import { attachmentFile, removeAttachment, uploadAttachments } from "./attachments.js";
import { archiveNotice, pinNotice, publishNotice, unpublishNotice } from "./publish.js";
import { readStatus as getReadStatus, markRead, remindUnread } from "./reads.js";
import { createNotice, deleteNotice, getNotice, listNotices, updateNotice } from "./service.js";

const attachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });
const detail = { params: idParams, response: { 200: noticeDetail } };

export function noticeRoutes(app: App) {
  app.get("/notices", { schema: { querystring: noticeQuery, response: { 200: noticeList } } }, (req) =>
    listNotices(req.ctx, req.query),
  );
  app.post("/notices", { schema: { body: noticeInput, response: { 201: noticeDetail } } }, async (req, reply) =>
    reply.status(201).send(await createNotice(req.ctx, req.body)),
  );
  app.get("/notices/:id", { schema: detail }, (req) => getNotice(req.ctx, req.params.id));
  app.patch("/notices/:id", { schema: { ...detail, body: noticePatch } }, (req) =>
    updateNotice(req.ctx, req.params.id, req.body),
  );
  app.delete("/notices/:id", { schema: { params: idParams, response: { 200: okResponse } } }, (req) =>
    deleteNotice(req.ctx, req.params.id),
  );
  app.post("/notices/:id/publish", { schema: { ...detail, body: publishInput } }, (req) =>
    publishNotice(req.ctx, req.params.id, req.body),
  );
  app.post("/notices/:id/unpublish", { schema: detail }, (req) => unpublishNotice(req.ctx, req.params.id));
  app.post("/notices/:id/pin", { schema: { ...detail, body: flagInput } }, (req) =>
    pinNotice(req.ctx, req.params.id, req.body.value),
  );
  app.post("/notices/:id/archive", { schema: { ...detail, body: flagInput } }, (req) =>
    archiveNotice(req.ctx, req.params.id, req.body.value),
  );
  app.post(
    "/notices/:id/read",
    { schema: { params: idParams, response: { 200: z.object({ ok: z.literal(true), readAt: z.string() }) } } },
    (req) => markRead(req.ctx, req.params.id),
  );
  app.get("/notices/:id/reads", { schema: { params: idParams, response: { 200: readStatus } } }, (req) =>
    getReadStatus(req.ctx, req.params.id),
  );
  app.post("/notices/:id/remind", { schema: { params: idParams, response: { 200: remindResult } } }, (req) =>
    remindUnread(req.ctx, req.params.id),
  );
  app.post("/notices/:id/attachments", { schema: detail }, (req) => uploadAttachments(req.ctx, req.params.id, uploadOf(req)));
  app.delete(
    "/notices/:id/attachments/:attachmentId",
    { schema: { params: attachmentParams, response: { 200: noticeDetail } } },
    (req) => removeAttachment(req.ctx, req.params.id, req.params.attachmentId),
  );
  app.get(
    "/notices/:id/attachments/:attachmentId",
    { schema: { params: attachmentParams, querystring: z.object({ inline: z.enum(["0", "1"]).optional() }) } },
    async (req, reply) =>
      sendDownload(reply, await attachmentFile(req.ctx, req.params.id, req.params.attachmentId, req.query.inline === "1")),
  );
}
