import { z } from "zod";
import { idParams, okResponse } from "../../../shared/api/common.js";
import {
  area,
  documentDetail,
  documentList,
  documentPatch,
  documentQuery,
  folder,
  folderInput,
  folderList,
  folderPatch,
  zipQuery,
} from "../../../shared/api/documents.js";
import { sendDownload, uploadOf } from "../../platform/files/http.js";
import type { App } from "../../platform/http/types.js";
import { documentsZip, versionFile } from "./files.js";
import { createFolder, deleteFolder, listFolders, renameFolder } from "./folders.js";
import { deleteDocument, getDocument, listDocuments, updateDocument, uploadDocument, uploadVersion } from "./service.js";

const fileParams = z.object({ id: z.uuid(), version: z.union([z.literal("current"), z.coerce.number().int().min(1)]) });
const inlineQuery = z.object({ inline: z.enum(["0", "1"]).optional() });

export function documentRoutes(app: App) {
  app.get("/documents", { schema: { querystring: documentQuery, response: { 200: documentList } } }, (req) =>
    listDocuments(req.ctx, req.query),
  );
  app.post("/documents", { schema: { response: { 201: documentDetail } } }, async (req, reply) =>
    reply.status(201).send(await uploadDocument(req.ctx, uploadOf(req))),
  );
  // Before /documents/:id so "zip" is not taken for an id.
  app.get("/documents/zip", { schema: { querystring: zipQuery } }, async (req, reply) =>
    sendDownload(reply, await documentsZip(req.ctx, req.query.ids)),
  );
  app.get("/documents/:id", { schema: { params: idParams, response: { 200: documentDetail } } }, (req) =>
    getDocument(req.ctx, req.params.id),
  );
  app.patch("/documents/:id", { schema: { params: idParams, body: documentPatch, response: { 200: documentDetail } } }, (req) =>
    updateDocument(req.ctx, req.params.id, req.body),
  );
  app.delete("/documents/:id", { schema: { params: idParams, response: { 200: okResponse } } }, (req) =>
    deleteDocument(req.ctx, req.params.id),
  );
  app.post("/documents/:id/versions", { schema: { params: idParams, response: { 201: documentDetail } } }, async (req, reply) =>
    reply.status(201).send(await uploadVersion(req.ctx, req.params.id, uploadOf(req))),
  );
  app.get(
    "/documents/:id/versions/:version/file",
    { schema: { params: fileParams, querystring: inlineQuery } },
    async (req, reply) =>
      sendDownload(reply, await versionFile(req.ctx, req.params.id, req.params.version, req.query.inline === "1")),
  );

  app.get("/document-folders", { schema: { querystring: z.object({ area }), response: { 200: folderList } } }, (req) =>
    listFolders(req.ctx, req.query.area),
  );
  app.post("/document-folders", { schema: { body: folderInput, response: { 201: folder } } }, async (req, reply) =>
    reply.status(201).send(await createFolder(req.ctx, req.body)),
  );
  app.patch("/document-folders/:id", { schema: { params: idParams, body: folderPatch, response: { 200: folder } } }, (req) =>
    renameFolder(req.ctx, req.params.id, req.body),
  );
  app.delete("/document-folders/:id", { schema: { params: idParams, response: { 200: okResponse } } }, (req) =>
    deleteFolder(req.ctx, req.params.id),
  );
}
