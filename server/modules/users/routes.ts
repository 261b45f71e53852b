import { idParams, listOf } from "../../../shared/api/common.js";
import {
  inviteInput,
  personContact,
  user,
  userExportQuery,
  userImportResult,
  userListQuery,
  userPatch,
} from "../../../shared/api/users.js";
import { sendDownload, uploadOf } from "../../platform/files/http.js";
import { textField } from "../../platform/files/upload.js";
import type { App } from "../../platform/http/types.js";
import { importUsers } from "./bulk.js";
import { exportUsersCsv, exportUsersXlsx } from "./export.js";
import { getUser, inviteUser, listUsers, unlockUser, updateUser, updateUserContact } from "./service.js";

export function userRoutes(app: App) {
  app.get("/users", { schema: { querystring: userListQuery, response: { 200: listOf(user) } } }, (req) =>
    listUsers(req.ctx, req.query),
  );
  app.get("/users/:id", { schema: { params: idParams, response: { 200: user } } }, (req) => getUser(req.ctx, req.params.id));
  app.post("/users", { schema: { body: inviteInput, response: { 201: user } } }, async (req, reply) =>
    reply.status(201).send(await inviteUser(req.ctx, req.body)),
  );
  app.patch("/users/:id", { schema: { params: idParams, body: userPatch, response: { 200: user } } }, (req) =>
    updateUser(req.ctx, req.params.id, req.body),
  );
  app.patch("/users/:id/contact", { schema: { params: idParams, body: personContact, response: { 200: user } } }, (req) =>
    updateUserContact(req.ctx, req.params.id, req.body),
  );
  app.post("/users/:id/unlock", { schema: { params: idParams, response: { 200: user } } }, (req) =>
    unlockUser(req.ctx, req.params.id),
  );
  // XLSX or CSV as a file (multipart `file`; `dryRun`: "false" to create, anything else only checks).
  app.post("/users/import", { schema: { response: { 200: userImportResult } } }, async (req) => {
    const { file, fields } = await uploadOf(req).read();
    return importUsers(req.ctx, file, { dryRun: textField(fields, "dryRun") !== "false" });
  });
  app.get("/users/export.xlsx", { schema: { querystring: userExportQuery } }, async (req, reply) =>
    sendDownload(reply, await exportUsersXlsx(req.ctx, req.query.orgId)),
  );
  app.get("/users/export.csv", { schema: { querystring: userExportQuery } }, async (req, reply) =>
    sendDownload(reply, await exportUsersCsv(req.ctx, req.query.orgId, req.query.encoding)),
  );
}
