import type { FastifyReply, FastifyRequest } from "fastify";
import { getSettings } from "../../modules/settings/service.js";
import { readSession } from "../auth/session.js";
import { isPrefectureStaff } from "../context.js";
import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";
import type { App } from "./types.js";

const unsafe = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Deny by default: every /api route needs a signed-in session unless its config says `public`.
 * It runs before validation, so a request without a session is told to sign in (401) whatever its body holds,
 * and nothing about the route's input rules is revealed to it.
 * Cookie-authenticated mutations must echo the session's CSRF token in `x-csrf-token`,
 * and cross-site requests (Sec-Fetch-Site) are refused outright.
 */
export function registerAuthHook(app: App, database: Database) {
  app.addHook("preValidation", async (request: FastifyRequest, _reply: FastifyReply) => {
    const config = request.routeOptions.config;
    if (request.is404) return; // unknown /api routes answer a JSON 404 to everyone
    const found = await readSession(database, request);
    request.session = found?.session ?? null;
    request.ctx.actor = found?.actor ?? null;
    // A read may use the cache counters read with the session; a write reads them after its changes.
    if (found && (request.method === "GET" || request.method === "HEAD")) request.ctx.versions = found.versions;

    if (unsafe.has(request.method)) {
      const site = request.headers["sec-fetch-site"];
      if (site === "cross-site" && !config.crossSite) throw new AppError("CSRF_FAILED", "別のサイトからの送信は受け付けません。");
      if (found && !config.skipCsrf && request.headers["x-csrf-token"] !== found.session.csrfToken) {
        throw new AppError("CSRF_FAILED", "画面を再読み込みしてからもう一度操作してください。");
      }
    }
    if (config.public) return;
    if (found && !found.actor && config.allowPendingMfa) return;
    if (found && !found.actor) throw new AppError("MFA_REQUIRED", "二要素認証のコードを入力してください。");
    if (!found) throw new AppError("UNAUTHENTICATED", "ログインしてください。");
    const actor = found.actor!;
    if (!config.allowUnenrolled && isPrefectureStaff(actor) && !actor.twoFactorEnabled) {
      const { requireTwoFactorForStaff } = await getSettings(request.ctx);
      if (requireTwoFactorForStaff)
        throw new AppError("FORBIDDEN", "二要素認証の設定が必要です。アカウント設定から設定してください。", {
          reason: "two_factor_enrollment_required",
        });
    }
  });
}
