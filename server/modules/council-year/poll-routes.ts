import { z } from "zod";
import { idParams, listOf } from "../../../shared/api/common.js";
import {
  pollAnswerInput,
  pollDecideInput,
  pollDetail,
  pollInput,
  pollQuery,
  pollSummary,
} from "../../../shared/api/date-polls.js";
import type { App } from "../../platform/http/types.js";
import { answerPoll, createPoll, decidePoll, getPoll, listPolls } from "./polls.js";
import "./poll-reminders.js";

const orgParams = z.object({ id: z.uuid(), orgId: z.uuid() });

export function datePollRoutes(app: App) {
  app.get("/date-polls", { schema: { querystring: pollQuery, response: { 200: listOf(pollSummary) } } }, (req) =>
    listPolls(req.ctx, req.query),
  );
  app.post("/date-polls", { schema: { body: pollInput, response: { 201: pollDetail } } }, async (req, reply) =>
    reply.status(201).send(await createPoll(req.ctx, req.body)),
  );
  app.get("/date-polls/:id", { schema: { params: idParams, response: { 200: pollDetail } } }, (req) =>
    getPoll(req.ctx, req.params.id),
  );
  app.put(
    "/date-polls/:id/answers/:orgId",
    { schema: { params: orgParams, body: pollAnswerInput, response: { 200: pollDetail } } },
    (req) => answerPoll(req.ctx, req.params.id, req.params.orgId, req.body),
  );
  app.post(
    "/date-polls/:id/decide",
    { schema: { params: idParams, body: pollDecideInput, response: { 200: pollDetail } } },
    (req) => decidePoll(req.ctx, req.params.id, req.body),
  );
}
