import { z } from "zod";
import { bodyDetail, bodyInput, bodyPatch, body as bodySchema, memberInput, memberPatch } from "../../../shared/api/bodies.js";
import { idParams, listOf } from "../../../shared/api/common.js";
import { pageOf, pageQuery } from "../../../shared/api/paging.js";
import type { App } from "../../platform/http/types.js";
import {
  addMember,
  createBody,
  getBody,
  listBodies,
  memberCandidates,
  removeMember,
  updateBody,
  updateMember,
} from "./service.js";

const memberParams = z.object({ id: z.uuid(), memberId: z.uuid() });

export function bodyRoutes(app: App) {
  app.get("/bodies", { schema: { querystring: pageQuery, response: { 200: pageOf(bodySchema) } } }, (req) =>
    listBodies(req.ctx, req.query),
  );
  app.get("/bodies/:id", { schema: { params: idParams, response: { 200: bodyDetail } } }, (req) =>
    getBody(req.ctx, req.params.id),
  );
  app.get(
    "/bodies/:id/candidates",
    {
      schema: {
        params: idParams,
        querystring: z.object({ q: z.string().trim().max(100).default("") }),
        response: { 200: listOf(z.object({ id: z.string(), name: z.string(), email: z.string(), orgName: z.string() })) },
      },
    },
    (req) => memberCandidates(req.ctx, req.params.id, req.query.q),
  );
  app.post("/bodies", { schema: { body: bodyInput, response: { 201: bodyDetail } } }, async (req, reply) =>
    reply.status(201).send(await createBody(req.ctx, req.body)),
  );
  app.patch("/bodies/:id", { schema: { params: idParams, body: bodyPatch, response: { 200: bodyDetail } } }, (req) =>
    updateBody(req.ctx, req.params.id, req.body),
  );
  app.post(
    "/bodies/:id/members",
    { schema: { params: idParams, body: memberInput, response: { 201: bodyDetail } } },
    async (req, reply) => reply.status(201).send(await addMember(req.ctx, req.params.id, req.body)),
  );
  app.patch(
    "/bodies/:id/members/:memberId",
    { schema: { params: memberParams, body: memberPatch, response: { 200: bodyDetail } } },
    (req) => updateMember(req.ctx, req.params.id, req.params.memberId, req.body),
  );
  app.delete("/bodies/:id/members/:memberId", { schema: { params: memberParams, response: { 200: bodyDetail } } }, (req) =>
    removeMember(req.ctx, req.params.id, req.params.memberId),
  );
}
