import { z } from "zod";
import { idParams } from "../../../shared/api/common.js";
import {
  commentInput,
  engagementDetail,
  engagementInput,
  engagementList,
  engagementPatch,
  engagementQuery,
  nextStepInput,
  nextStepPatch,
  sessionInput,
  timeEntryView,
  timeInput,
  timeTotals,
  timeTotalsQuery,
  workload,
} from "../../../shared/api/support.js";
import type { App } from "../../platform/http/types.js";
import { addComment, addNextStep, logSession, updateNextStep } from "./log.js";
import { createEngagement, getEngagement, listEngagements, updateEngagement } from "./service.js";
import { logSessionTime, timeTotalsFor } from "./time.js";
import { specialistWorkload } from "./workload.js";

const stepParams = z.object({ id: z.uuid(), stepId: z.uuid() });
const sessionParams = z.object({ id: z.uuid(), sessionId: z.uuid() });

export function supportRoutes(app: App) {
  app.get("/support/engagements", { schema: { querystring: engagementQuery, response: { 200: engagementList } } }, (req) =>
    listEngagements(req.ctx, req.query),
  );
  app.get("/support/time", { schema: { querystring: timeTotalsQuery, response: { 200: timeTotals } } }, (req) =>
    timeTotalsFor(req.ctx, req.query),
  );
  app.post(
    "/support/engagements/:id/sessions/:sessionId/time",
    { schema: { params: sessionParams, body: timeInput, response: { 201: timeEntryView } } },
    async (req, reply) => reply.status(201).send(await logSessionTime(req.ctx, req.params.id, req.params.sessionId, req.body)),
  );
  app.get("/support/workload", { schema: { response: { 200: workload } } }, (req) => specialistWorkload(req.ctx));
  app.post(
    "/support/engagements",
    { schema: { body: engagementInput, response: { 201: engagementDetail } } },
    async (req, reply) => reply.status(201).send(await createEngagement(req.ctx, req.body)),
  );
  app.get("/support/engagements/:id", { schema: { params: idParams, response: { 200: engagementDetail } } }, (req) =>
    getEngagement(req.ctx, req.params.id),
  );
  app.patch(
    "/support/engagements/:id",
    { schema: { params: idParams, body: engagementPatch, response: { 200: engagementDetail } } },
    (req) => updateEngagement(req.ctx, req.params.id, req.body),
  );
  app.post(
    "/support/engagements/:id/sessions",
    { schema: { params: idParams, body: sessionInput, response: { 201: engagementDetail } } },
    async (req, reply) => reply.status(201).send(await logSession(req.ctx, req.params.id, req.body)),
  );
  app.post(
    "/support/engagements/:id/steps",
    { schema: { params: idParams, body: nextStepInput, response: { 201: engagementDetail } } },
    async (req, reply) => reply.status(201).send(await addNextStep(req.ctx, req.params.id, req.body)),
  );
  app.patch(
    "/support/engagements/:id/steps/:stepId",
    { schema: { params: stepParams, body: nextStepPatch, response: { 200: engagementDetail } } },
    (req) => updateNextStep(req.ctx, req.params.id, req.params.stepId, req.body),
  );
  app.post(
    "/support/engagements/:id/comments",
    { schema: { params: idParams, body: commentInput, response: { 201: engagementDetail } } },
    async (req, reply) => reply.status(201).send(await addComment(req.ctx, req.params.id, req.body)),
  );
}
