import { z } from "zod";
import { ssoParams, ssoStartQuery } from "../../../shared/api/sso.js";
import { setSessionCookies } from "../../platform/auth/session.js";
import type { App } from "../../platform/http/types.js";
import { finishSamlSignIn, samlMetadata, startSamlSignIn } from "./saml-service.js";

const publicRoute = { public: true, skipCsrf: true } as const;
const limit = { max: 30, timeWindow: "1 minute" };
const acsBody = z.object({ SAMLResponse: z.string().max(1_000_000).optional(), RelayState: z.string().max(2000).optional() });

/** SAML 2.0 sign-in: the SP metadata for the identity provider, the start (AuthnRequest) and the Assertion Consumer Service. */
export async function samlRoutes(app: App) {
  // The identity provider posts its response as an HTML form, from its own site.
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 1_000_000 }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  app.get("/auth/saml/:provider/metadata", { config: publicRoute, schema: { params: ssoParams } }, async (req, reply) =>
    reply.type("application/samlmetadata+xml; charset=utf-8").send(await samlMetadata(req.ctx, req.params.provider)),
  );
  app.get(
    "/auth/saml/:provider/start",
    { config: { ...publicRoute, rateLimit: limit }, schema: { params: ssoParams, querystring: ssoStartQuery } },
    async (req, reply) => reply.redirect(await startSamlSignIn(req.ctx, req.params.provider, req.query.returnTo), 302),
  );
  app.post(
    "/auth/saml/:provider/acs",
    // Cross-site by nature (the IdP's form posts it); it is trusted only for its signed, single-use response.
    { config: { ...publicRoute, crossSite: true, rateLimit: limit }, schema: { params: ssoParams, body: acsBody } },
    async (req, reply) => {
      const { redirectTo, cookies } = await finishSamlSignIn(req.ctx, req.params.provider, req.body.SAMLResponse);
      if (cookies) setSessionCookies(reply, req.ctx.config, cookies);
      return reply.redirect(redirectTo, 303);
    },
  );
}
