import fs from "node:fs";
import path from "node:path";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyReply, LogController } from "fastify";
import { validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "./config.js";
import { registerModules } from "./modules/index.js";
import { publicSiteRoutes } from "./modules/publication/site-routes.js";
import type { Database } from "./platform/db/database.js";
import { StoreReadiness } from "./platform/files/readiness.js";
import { blobStore, removeLeftoverUploads } from "./platform/files/store.js";
import { registerAuthHook } from "./platform/http/auth-hook.js";
import { errorHandler } from "./platform/http/error-handler.js";
import { registerInputGuards } from "./platform/http/input-guards.js";
import { requestLogLine, stdoutLog } from "./platform/http/logging.js";
import { registerMetrics } from "./platform/http/metrics.js";
import { openapiOptions } from "./platform/http/openapi.js";
import { type Precompressed, precompress, sendPrecompressed } from "./platform/http/precompressed.js";
import { securityHeaders } from "./platform/http/security-headers.js";
import { serializerCompiler } from "./platform/http/serializer.js";
import { registerTracing } from "./platform/http/tracing.js";
import type { App } from "./platform/http/types.js";

z.config(z.locales.ja());

export interface BuildOptions {
  config: Config;
  database: Database;
  /** Where the log lines go instead of stdout (tests read them). */
  logStream?: NodeJS.WritableStream;
  /** Folder of the built web app; served with an index.html fallback when present. */
  webDir?: string;
}

const draining = new WeakSet<object>();

/**
 * Starts a graceful stop: /readyz answers 503 at once so the load balancer sends new requests to other
 * instances; everything else is served as before until the caller closes the app (which waits for the
 * requests in flight).
 */
export const beginDrain = (app: object) => draining.add(app);

export async function buildApp({ config, database, webDir, logStream }: BuildOptions): Promise<App> {
  const stream = config.logLevel === "silent" ? null : (logStream ?? stdoutLog());
  const app = Fastify({
    logger: stream ? { level: config.logLevel, stream } : false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    requestIdHeader: "x-request-id",
    genReqId: () => crypto.randomUUID(),
    // One line per request (below), instead of Fastify's "incoming request" and "request completed".
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();

  const leftovers = removeLeftoverUploads(config.dataDir);
  if (leftovers > 0) app.log.info({ leftovers }, "removed temporary upload files left by an earlier process");
  // A misconfigured file store is reported now, with what to fix; /readyz stays 503 until it works.
  const storage = new StoreReadiness(blobStore(config), app.log);
  await storage.check();

  // First of all hooks, so that the spans of a request cover its sign-in check and every statement it runs.
  if (config.tracing) await registerTracing(app as App, config.tracing, database);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  app.decorateRequest("ctx", null as never);
  app.decorateRequest("session", null);
  // One synchronous hook per request for the context and the security headers (computed once).
  const security = securityHeaders(config.publicUrl.startsWith("https://"));
  app.addHook("onRequest", (request, reply, done) => {
    request.ctx = {
      db: database.db,
      engine: database.engine,
      config,
      actor: null,
      ip: request.ip,
      userAgent: request.headers["user-agent"] ?? null,
    };
    reply.headers(security);
    done();
  });

  if (stream && ["info", "debug", "trace"].includes(config.logLevel))
    app.addHook("onResponse", (request, reply, done) => {
      stream.write(requestLogLine(request, reply));
      done();
    });

  // Echo the request id so a clerk's screenshot of an error can be matched to the log line.
  // Nothing the API answers (signed-in data, private downloads, the calendar feed) is kept by a browser or proxy cache.
  app.addHook("onSend", (request, reply, payload, done) => {
    reply.header("x-request-id", request.id);
    if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
    done(null, payload);
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => ({
      statusCode: 429,
      error: {
        code: "RATE_LIMITED",
        message: "短時間に多くの操作がありました。しばらく待ってからもう一度お試しください。",
      },
    }),
  });
  await app.register(multipart, { limits: { fileSize: config.uploadMaxBytes, files: 20 } });
  await app.register(swagger, openapiOptions(config.publicUrl));

  registerMetrics(app as App, config, database);
  app.get("/healthz", { config: { public: true }, schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/readyz", { config: { public: true }, schema: { hide: true } }, async (_req, reply) => {
    if (draining.has(app))
      return reply.status(503).send({ error: { code: "INTERNAL", message: "このサーバーは停止の準備中です。" } });
    try {
      await database.db.selectFrom("settings").select("key").limit(1).execute();
    } catch {
      return reply.status(503).send({ error: { code: "INTERNAL", message: "データベースに接続できません。" } });
    }
    if (await storage.current())
      return reply.status(503).send({ error: { code: "INTERNAL", message: "ファイルの保存先に接続できません。" } });
    return { status: "ready" };
  });

  // The public council site: no sign-in, outside /api (modules/publication/site-routes.ts).
  publicSiteRoutes(app as App);

  await app.register(
    async (api) => {
      registerAuthHook(api as App, database);
      registerInputGuards(api as App);
      await registerModules(api as App);
      let openapi: Precompressed | null = null; // built on first request, once every route is registered
      api.get("/openapi.json", { config: { public: true }, schema: { hide: true } }, (request, reply) => {
        openapi ??= precompress(JSON.stringify(app.swagger()), "application/json; charset=utf-8");
        return sendPrecompressed(request, reply, openapi);
      });
      api.setNotFoundHandler((request, reply) =>
        reply.status(404).send({
          error: { code: "NOT_FOUND", message: `APIが見つかりません：${request.method} ${request.url}` },
        }),
      );
    },
    { prefix: "/api" },
  );

  if (webDir && fs.existsSync(path.join(webDir, "index.html"))) {
    // Content-hashed files: kept by browsers for a year, sent as the build's .br/.gz when accepted.
    // One wildcard route for them (not one route per file, which took a good part of the start).
    const year = 365 * 86400_000;
    const assets = { wildcard: false, index: false as const, preCompressed: true };
    await app.register(fastifyStatic, {
      ...assets,
      wildcard: true,
      root: path.join(webDir, "assets"),
      prefix: "/assets/",
      maxAge: year,
      immutable: true,
    });
    // Other files (favicon) and index.html are revalidated on every use.
    await app.register(fastifyStatic, {
      ...assets,
      root: webDir,
      globIgnore: ["assets/**"],
      decorateReply: false,
      cacheControl: false,
      setHeaders: (reply) => void reply.header("cache-control", "no-cache"),
    });
    const indexHtml = fs.readFileSync(path.join(webDir, "index.html"));
    const sendIndex = (reply: FastifyReply) => reply.type("text/html").header("cache-control", "no-cache").send(indexHtml);
    app.get("/", (_req, reply) => sendIndex(reply));
    app.setNotFoundHandler((request, reply) => {
      if (request.method !== "GET") {
        return reply.status(404).send({ error: { code: "NOT_FOUND", message: "見つかりません。" } });
      }
      return sendIndex(reply);
    });
  }
  return app as App;
}
