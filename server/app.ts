import fs from "node:fs";
import path from "node:path";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import Fastify from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "./config.js";
import { registerModules } from "./modules/index.js";
import type { Database } from "./platform/db/database.js";
import { registerAuthHook } from "./platform/http/auth-hook.js";
import { errorHandler } from "./platform/http/error-handler.js";
import { openapiOptions } from "./platform/http/openapi.js";
import type { App } from "./platform/http/types.js";

z.config(z.locales.ja());

export interface BuildOptions {
  config: Config;
  database: Database;
  /** Folder of the built web app; served with an index.html fallback when present. */
  webDir?: string;
}

export async function buildApp({ config, database, webDir }: BuildOptions): Promise<App> {
  const app = Fastify({
    logger: config.logLevel === "silent" ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    requestIdHeader: "x-request-id",
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  app.decorateRequest("ctx", null as never);
  app.decorateRequest("session", null);
  app.addHook("onRequest", async (request) => {
    request.ctx = {
      db: database.db,
      engine: database.engine,
      config,
      actor: null,
      ip: request.ip,
      userAgent: request.headers["user-agent"] ?? null,
    };
  });

  // Echo the request id so a clerk's screenshot of an error can be matched to the log line.
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: config.publicUrl.startsWith("https://"),
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

  app.get("/healthz", { config: { public: true }, schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/readyz", { config: { public: true }, schema: { hide: true } }, async (_req, reply) => {
    try {
      await database.db.selectFrom("settings").select("key").limit(1).execute();
      return { status: "ready" };
    } catch {
      return reply.status(503).send({ error: { code: "INTERNAL", message: "データベースに接続できません。" } });
    }
  });

  await app.register(
    async (api) => {
      registerAuthHook(api as App, database);
      await registerModules(api as App);
      api.get("/openapi.json", { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
      api.setNotFoundHandler((request, reply) =>
        reply.status(404).send({
          error: { code: "NOT_FOUND", message: `APIが見つかりません：${request.method} ${request.url}` },
        }),
      );
    },
    { prefix: "/api" },
  );

  if (webDir && fs.existsSync(path.join(webDir, "index.html"))) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false });
    const indexHtml = fs.readFileSync(path.join(webDir, "index.html"));
    app.get("/", (_req, reply) => reply.type("text/html").send(indexHtml));
    app.setNotFoundHandler((request, reply) => {
      if (request.method !== "GET") {
        return reply.status(404).send({ error: { code: "NOT_FOUND", message: "見つかりません。" } });
      }
      return reply.type("text/html").send(indexHtml);
    });
  }
  return app as App;
}
