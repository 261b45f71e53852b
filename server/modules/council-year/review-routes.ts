import { z } from "zod";
import { idParams } from "../../../shared/api/common.js";
import {
  reviewAnswerInput,
  reviewInput,
  reviewState,
  suggestionDecision,
  suggestionInput,
} from "../../../shared/api/minutes-review.js";
import type { App } from "../../platform/http/types.js";
import "./review-reminders.js";
import { answerReview, closeReview, decideSuggestion, getReviewState, startReview, suggestChange } from "./review.js";

const passageParams = z.object({ id: z.uuid(), passageId: z.uuid() });
const state = { 200: reviewState };

export function minutesReviewRoutes(app: App) {
  app.get("/meetings/:id/minutes/review", { schema: { params: idParams, response: state } }, (req) =>
    getReviewState(req.ctx, req.params.id),
  );
  app.post(
    "/meetings/:id/minutes/review",
    { schema: { params: idParams, body: reviewInput, response: { 201: reviewState } } },
    async (req, reply) => reply.status(201).send(await startReview(req.ctx, req.params.id, req.body)),
  );
  app.post(
    "/minutes-reviews/:id/passages/:passageId/suggestions",
    { schema: { params: passageParams, body: suggestionInput, response: { 201: reviewState } } },
    async (req, reply) => reply.status(201).send(await suggestChange(req.ctx, req.params.id, req.params.passageId, req.body)),
  );
  app.post(
    "/minutes-suggestions/:id/decision",
    { schema: { params: idParams, body: suggestionDecision, response: state } },
    (req) => decideSuggestion(req.ctx, req.params.id, req.body),
  );
  app.post("/minutes-reviews/:id/answer", { schema: { params: idParams, body: reviewAnswerInput, response: state } }, (req) =>
    answerReview(req.ctx, req.params.id, req.body),
  );
  app.post("/minutes-reviews/:id/close", { schema: { params: idParams, response: state } }, (req) =>
    closeReview(req.ctx, req.params.id),
  );
}
