import { idParams, listOf } from "../../../shared/api/common.js";
import { inviteInput, user, userListQuery, userPatch } from "../../../shared/api/users.js";
import type { App } from "../../platform/http/types.js";
import { getUser, inviteUser, listUsers, unlockUser, updateUser } from "./service.js";

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
  app.post("/users/:id/unlock", { schema: { params: idParams, response: { 200: user } } }, (req) =>
    unlockUser(req.ctx, req.params.id),
  );
}
