import { mailTemplateList, mailTemplateParams, mailTemplateText } from "../../../shared/api/mail-templates.js";
import type { App } from "../../platform/http/types.js";
import { listTemplates, resetTemplate, saveTemplate } from "./templates.js";

/** The prefecture's mail texts (システム設定 → メールの文面): read, rewrite, back to the built-in text. */
export function mailTemplateRoutes(app: App) {
  app.get("/mail-templates", { schema: { response: { 200: mailTemplateList } } }, (req) => listTemplates(req.ctx));
  app.put(
    "/mail-templates/:key",
    { schema: { params: mailTemplateParams, body: mailTemplateText, response: { 200: mailTemplateList } } },
    (req) => saveTemplate(req.ctx, req.params.key, req.body),
  );
  app.delete("/mail-templates/:key", { schema: { params: mailTemplateParams, response: { 200: mailTemplateList } } }, (req) =>
    resetTemplate(req.ctx, req.params.key),
  );
}
