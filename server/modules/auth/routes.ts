import type { FastifyRequest } from "fastify";
import { z } from "zod";
import {
  changePassword as changePasswordBody,
  invitationInfo as invitationInfoSchema,
  loginInput,
  loginResponse,
  mePatch,
  meResponse,
  passwordResetRequest,
  tokenPassword,
  totpDisable,
  totpInput,
  totpSetup,
} from "../../../shared/api/auth.js";
import { okResponse } from "../../../shared/api/common.js";
import { logoutResponse } from "../../../shared/api/sso.js";
import { setSessionCookies } from "../../platform/auth/session.js";
import { sha256 } from "../../platform/auth/tokens.js";
import type { App } from "../../platform/http/types.js";
import { accountRoutes } from "./routes-accounts.js";
import * as auth from "./service.js";

const publicRoute = { public: true, skipCsrf: true } as const;

/**
 * Who a request is about: the e-mail address it names, the e-mail link it carries (a token stands for
 * one account) or the signed-in (or half signed-in) user. The limiters key on address and account, so
 * one town hall behind a shared proxy does not share its tries, and one account's tries are not
 * multiplied by new sessions. Failed sign-ins per address across accounts are counted in the service.
 */
function accountOf(req: FastifyRequest): string {
  const body = (req.body ?? {}) as { email?: unknown; token?: unknown };
  if (typeof body.email === "string") return `e:${body.email.trim().toLowerCase()}`;
  if (typeof body.token === "string") return `t:${sha256(body.token).slice(0, 32)}`;
  return `u:${req.session?.userId ?? ""}`;
}
const limit = (max: number, timeWindow: string) => ({
  max,
  timeWindow,
  hook: "preHandler" as const,
  keyGenerator: (req: FastifyRequest) => `${req.ip}|${accountOf(req)}`,
});
const loginLimit = limit(10, "1 minute");
const passwordLimit = limit(5, "15 minutes");

export function authRoutes(app: App) {
  accountRoutes(app);
  app.post(
    "/auth/login",
    { config: { ...publicRoute, rateLimit: loginLimit }, schema: { body: loginInput, response: { 200: loginResponse } } },
    async (req, reply) => {
      const { body, cookies } = await auth.login(req.ctx, req.body.email, req.body.password);
      setSessionCookies(reply, req.ctx.config, cookies);
      return body;
    },
  );
  app.post(
    "/auth/totp",
    { config: { allowPendingMfa: true, rateLimit: loginLimit }, schema: { body: totpInput, response: { 200: meResponse } } },
    (req) => auth.verifyLoginTotp(req.ctx, req.session, req.body.code),
  );
  app.post("/auth/logout", { config: publicRoute, schema: { response: { 200: logoutResponse } } }, async (req, reply) => {
    const { cookies, redirectTo } = await auth.logout(req.ctx, req.session);
    setSessionCookies(reply, req.ctx.config, cookies);
    return { ok: true as const, redirectTo };
  });
  app.post("/auth/logout-all", { schema: { response: { 200: okResponse } } }, async (req, reply) => {
    const { cookies } = await auth.logoutEverywhere(req.ctx);
    setSessionCookies(reply, req.ctx.config, cookies);
    return { ok: true as const };
  });
  app.post(
    "/auth/password-reset",
    { config: { ...publicRoute, rateLimit: loginLimit }, schema: { body: passwordResetRequest, response: { 202: okResponse } } },
    async (req, reply) => {
      await auth.requestPasswordReset(req.ctx, req.body.email);
      return reply.status(202).send({ ok: true });
    },
  );
  app.post(
    "/auth/password-reset/confirm",
    { config: { ...publicRoute, rateLimit: loginLimit }, schema: { body: tokenPassword, response: { 200: okResponse } } },
    async (req) => {
      await auth.confirmPasswordReset(req.ctx, req.body.token, req.body.password);
      return { ok: true as const };
    },
  );
  app.get(
    "/auth/invitation/:token",
    {
      config: publicRoute,
      schema: { params: z.object({ token: z.string().max(200) }), response: { 200: invitationInfoSchema } },
    },
    (req) => auth.invitationInfo(req.ctx, req.params.token),
  );
  app.post(
    "/auth/invitation/accept",
    { config: { ...publicRoute, rateLimit: loginLimit }, schema: { body: tokenPassword, response: { 200: meResponse } } },
    async (req, reply) => {
      const { body, cookies } = await auth.acceptInvitation(req.ctx, req.body.token, req.body.password);
      setSessionCookies(reply, req.ctx.config, cookies);
      return body;
    },
  );

  app.get("/me", { config: { allowUnenrolled: true }, schema: { response: { 200: meResponse } } }, (req) =>
    auth.me(req.ctx, req.session!, req.session!.user),
  );
  app.patch("/me", { config: { allowUnenrolled: true }, schema: { body: mePatch, response: { 200: meResponse } } }, (req) =>
    auth.updateMe(req.ctx, req.session!, req.body),
  );
  app.post(
    "/me/password",
    { config: { rateLimit: passwordLimit }, schema: { body: changePasswordBody, response: { 200: okResponse } } },
    async (req) => {
      await auth.changePassword(req.ctx, req.session!, req.body.current, req.body.next);
      return { ok: true as const };
    },
  );
  app.post("/me/totp/setup", { config: { allowUnenrolled: true }, schema: { response: { 200: totpSetup } } }, (req) =>
    auth.setupTotp(req.ctx),
  );
  app.post(
    "/me/totp/enable",
    { config: { allowUnenrolled: true, rateLimit: loginLimit }, schema: { body: totpInput, response: { 200: meResponse } } },
    (req) => auth.enableTotp(req.ctx, req.session!, req.body.code),
  );
  app.post(
    "/me/totp/disable",
    {
      config: { rateLimit: passwordLimit },
      schema: { body: totpDisable, response: { 200: meResponse } },
    },
    (req) => auth.disableTotp(req.ctx, req.session!, req.body.password),
  );
}
