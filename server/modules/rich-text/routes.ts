import { richTextPreview, richTextPreviewInput } from "../../../shared/api/rich-text.js";
import type { App } from "../../platform/http/types.js";
import { renderMarkdown } from "../../platform/text/markdown.js";

/** The editor's live preview: any signed-in user, nothing stored; the same renderer as the published pages. */
export function richTextRoutes(app: App) {
  app.post("/rich-text/preview", { schema: { body: richTextPreviewInput, response: { 200: richTextPreview } } }, async (req) => ({
    html: renderMarkdown(req.body.text),
  }));
}
