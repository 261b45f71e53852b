import { idParams, okResponse } from "../../../shared/api/common.js";
import {
  faqArticle,
  faqInput,
  faqList,
  faqPatch,
  faqQuery,
  fromConsultationInput,
  publishInput,
  suggestInput,
  suggestResponse,
} from "../../../shared/api/faq.js";
import type { App } from "../../platform/http/types.js";
import {
  createFaq,
  createFromConsultation,
  getFaq,
  listFaq,
  publishFaq,
  removeFaq,
  suggestFaq,
  unpublishFaq,
  updateFaq,
} from "./service.js";

export function faqRoutes(app: App) {
  app.get("/faq", { schema: { querystring: faqQuery, response: { 200: faqList } } }, (req) => listFaq(req.ctx, req.query));
  // POST, not GET: the typed consultation body can be long.
  app.post("/faq/suggest", { schema: { body: suggestInput, response: { 200: suggestResponse } } }, (req) =>
    suggestFaq(req.ctx, req.body.text),
  );
  app.post("/faq", { schema: { body: faqInput, response: { 201: faqArticle } } }, async (req, reply) =>
    reply.status(201).send(await createFaq(req.ctx, req.body)),
  );
  app.post(
    "/faq/from-consultation",
    { schema: { body: fromConsultationInput, response: { 201: faqArticle } } },
    async (req, reply) => reply.status(201).send(await createFromConsultation(req.ctx, req.body.consultationId)),
  );
  app.get("/faq/:id", { schema: { params: idParams, response: { 200: faqArticle } } }, (req) => getFaq(req.ctx, req.params.id));
  app.patch("/faq/:id", { schema: { params: idParams, body: faqPatch, response: { 200: faqArticle } } }, (req) =>
    updateFaq(req.ctx, req.params.id, req.body),
  );
  // The body's confirmAnonymised is the reviewer's statement; the server also scans for names.
  app.post("/faq/:id/publish", { schema: { params: idParams, body: publishInput, response: { 200: faqArticle } } }, (req) =>
    publishFaq(req.ctx, req.params.id),
  );
  app.post("/faq/:id/unpublish", { schema: { params: idParams, response: { 200: faqArticle } } }, (req) =>
    unpublishFaq(req.ctx, req.params.id),
  );
  app.delete("/faq/:id", { schema: { params: idParams, response: { 200: okResponse } } }, async (req) => {
    await removeFaq(req.ctx, req.params.id);
    return { ok: true as const };
  });
}
