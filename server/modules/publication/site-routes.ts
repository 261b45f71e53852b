import type { FastifyReply } from "fastify";
import { storedDownload } from "../../platform/files/download.js";
import { sendDownload } from "../../platform/files/http.js";
import type { App } from "../../platform/http/types.js";
import { html } from "../../platform/text/html.js";
import { sitePage } from "./site.js";
import { publicMaterial } from "./site-data.js";

/**
 * The public council site under /public: no sign-in, server-rendered HTML with no script, stable
 * addresses. Outside /api, so the auth hook never runs; everything shown is decided by publication/rules.ts.
 * Pages are revalidated on every visit (a page taken down disappears at once).
 */
const materialPath = /^materials\/([0-9a-f-]{36})\.[a-z0-9]{1,8}$/;

const notFoundPage = html`<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>ページが見つかりません</title><link rel="stylesheet" href="/public/site.css"></head>
<body><main id="main" class="wrap"><h1>ページが見つかりません</h1><p>お探しのページは公開されていないか、削除されました。</p><p><a href="/public/">トップページへ</a></p></main></body></html>
`.value;

function notFound(reply: FastifyReply) {
  return reply.status(404).type("text/html; charset=utf-8").header("cache-control", "no-cache").send(notFoundPage);
}

export function publicSiteRoutes(app: App) {
  const opts = { config: { public: true }, schema: { hide: true } };
  app.get("/public", opts, (_req, reply) => reply.redirect("/public/", 301));
  app.get<{ Params: { "*": string } }>("/public/*", opts, async (req, reply) => {
    const path = req.params["*"];
    const material = materialPath.exec(path);
    if (material) {
      const file = await publicMaterial(req.ctx, material[1]!);
      if (!file) return notFound(reply);
      const stored = { name: file.downloadName, mime: file.file_mime, size: file.file_size, sha256: file.file_sha256 };
      const inline = file.file_mime === "application/pdf";
      return sendDownload(reply, { ...storedDownload(req.ctx, stored, { inline }), cache: "public" });
    }
    const page = await sitePage(req.ctx, path);
    if (!page) return notFound(reply);
    return reply.type(page.type).header("cache-control", "no-cache").send(page.body);
  });
}
