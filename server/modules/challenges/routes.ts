import { z } from "zod";
import {
  agendaLinkInput,
  challengeDetail,
  challengeInput,
  challengeList,
  challengePatch,
  challengeQuery,
  commentInput,
  shareInput,
  statusInput,
  themeList,
} from "../../../shared/api/challenges.js";
import { idParams, okResponse } from "../../../shared/api/common.js";
import { sendDownload, uploadOf } from "../../platform/files/http.js";
import type { App } from "../../platform/http/types.js";
import { challengeFile, removeChallengeFile, uploadChallengeFiles } from "./attachments.js";
import { challengeThemes, createChallenge, deleteChallenge, getChallenge, listChallenges, updateChallenge } from "./service.js";
import { addComment, deleteComment, linkToMeeting, setStatus, shareChallenge, unshareChallenge } from "./social.js";

const detail = { params: idParams, response: { 200: challengeDetail } };
const created = { params: idParams, response: { 201: challengeDetail } };
const commentParams = z.object({ id: z.uuid(), commentId: z.uuid() });
const attachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });

export function challengeRoutes(app: App) {
  app.get("/challenges", { schema: { querystring: challengeQuery, response: { 200: challengeList } } }, (req) =>
    listChallenges(req.ctx, req.query),
  );
  app.get("/challenges/themes", { schema: { response: { 200: themeList } } }, (req) => challengeThemes(req.ctx));
  app.post("/challenges", { schema: { body: challengeInput, response: { 201: challengeDetail } } }, async (req, reply) =>
    reply.status(201).send(await createChallenge(req.ctx, req.body)),
  );
  app.get("/challenges/:id", { schema: detail }, (req) => getChallenge(req.ctx, req.params.id));
  app.patch("/challenges/:id", { schema: { ...detail, body: challengePatch } }, (req) =>
    updateChallenge(req.ctx, req.params.id, req.body),
  );
  app.delete("/challenges/:id", { schema: { params: idParams, response: { 200: okResponse } } }, (req) =>
    deleteChallenge(req.ctx, req.params.id),
  );
  app.post("/challenges/:id/shares", { schema: { ...created, body: shareInput } }, async (req, reply) =>
    reply.status(201).send(await shareChallenge(req.ctx, req.params.id, req.body.note)),
  );
  app.delete("/challenges/:id/shares/mine", { schema: detail }, (req) => unshareChallenge(req.ctx, req.params.id));
  app.post("/challenges/:id/comments", { schema: { ...created, body: commentInput } }, async (req, reply) =>
    reply.status(201).send(await addComment(req.ctx, req.params.id, req.body)),
  );
  app.delete(
    "/challenges/:id/comments/:commentId",
    { schema: { params: commentParams, response: { 200: challengeDetail } } },
    (req) => deleteComment(req.ctx, req.params.id, req.params.commentId),
  );
  app.post("/challenges/:id/status", { schema: { ...detail, body: statusInput } }, (req) =>
    setStatus(req.ctx, req.params.id, req.body),
  );
  app.post("/challenges/:id/agenda", { schema: { ...detail, body: agendaLinkInput } }, (req) =>
    linkToMeeting(req.ctx, req.params.id, req.body),
  );
  app.post("/challenges/:id/attachments", { schema: detail }, (req) =>
    uploadChallengeFiles(req.ctx, req.params.id, uploadOf(req)),
  );
  app.delete(
    "/challenges/:id/attachments/:attachmentId",
    { schema: { params: attachmentParams, response: { 200: challengeDetail } } },
    (req) => removeChallengeFile(req.ctx, req.params.id, req.params.attachmentId),
  );
  app.get(
    "/challenges/:id/attachments/:attachmentId",
    { schema: { params: attachmentParams, querystring: z.object({ inline: z.enum(["0", "1"]).optional() }) } },
    async (req, reply) =>
      sendDownload(reply, await challengeFile(req.ctx, req.params.id, req.params.attachmentId, req.query.inline === "1")),
  );
}
