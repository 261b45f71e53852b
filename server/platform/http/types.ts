import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { SessionInfo } from "../auth/session.js";
import type { Ctx } from "../context.js";

/** The Fastify instance every module registers its routes on (Zod type provider). */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module "fastify" {
  interface FastifyRequest {
    ctx: Ctx;
    session: SessionInfo | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, password reset…). Everything else requires one. */
    public?: boolean;
    /** Accept a cross-site POST (only the SAML Assertion Consumer Service, which an identity provider's form posts). */
    crossSite?: boolean;
    /** Skip the CSRF token check (only for routes that start or end a session). */
    skipCsrf?: boolean;
    /** Reachable with a session that has not yet passed two-factor (only the code check itself). */
    allowPendingMfa?: boolean;
    /** Reachable by staff who must still enrol in two-factor (profile and enrolment routes). */
    allowUnenrolled?: boolean;
  }
}
