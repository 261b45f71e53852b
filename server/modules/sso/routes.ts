import { ssoParams, ssoProviderList, ssoStartQuery } from "../../../shared/api/sso.js";
import { setSessionCookies } from "../../platform/auth/session.js";
import type { App } from "../../platform/http/types.js";
import * as sso from "./service.js";

const PENDING_COOKIE = "renkei_sso";
const PENDING_PATH = "/api/auth/oidc";
const publicRoute = { public: true, skipCsrf: true } as const;
const limit = { max: 30, timeWindow: "1 minute" };

/** OpenID Connect sign-in: the providers for the sign-in page's buttons, the start (to the provider) and its callback. */
export function ssoRoutes(app: App) {
  app.get("/auth/providers", { config: publicRoute, schema: { response: { 200: ssoProviderList } } }, (req) =>
    sso.listProviders(req.ctx),
  );

  app.get(
    "/auth/oidc/:provider/start",
    { config: { ...publicRoute, rateLimit: limit }, schema: { params: ssoParams, querystring: ssoStartQuery } },
    async (req, reply) => {
      const { redirectTo, pendingCookie } = await sso.startSignIn(req.ctx, req.params.provider, req.query.returnTo);
      reply.setCookie(PENDING_COOKIE, pendingCookie.value, {
        path: PENDING_PATH,
        httpOnly: true,
        // Lax: the cookie comes back on the provider's top-level redirect to the callback.
        sameSite: "lax",
        secure: req.ctx.config.publicUrl.startsWith("https://"),
        maxAge: pendingCookie.maxAgeSeconds,
      });
      return reply.redirect(redirectTo, 302);
    },
  );

  app.get(
    "/auth/oidc/:provider/callback",
    { config: { ...publicRoute, rateLimit: limit }, schema: { params: ssoParams } },
    async (req, reply) => {
      const { redirectTo, cookies } = await sso.finishSignIn(req.ctx, req.params.provider, req.cookies[PENDING_COOKIE], req.url);
      reply.clearCookie(PENDING_COOKIE, { path: PENDING_PATH });
      if (cookies) setSessionCookies(reply, req.ctx.config, cookies);
      return reply.redirect(redirectTo, 302);
    },
  );
}
