import { AsyncLocalStorage } from "node:async_hooks";
import os from "node:os";
import type { Span, Tracer } from "@opentelemetry/api";
import type { TracingConfig } from "../../config.js";
import type { Database, QueryObserver } from "../db/database.js";
import type { App } from "./types.js";

/** The request being answered, for the statements it runs (set in onRequest, seen by the database hook). */
const current = new AsyncLocalStorage<Span>();

const dbSystem = { sqlite: "sqlite", postgres: "postgresql" } as const;

/**
 * OpenTelemetry traces, only when OTEL_EXPORTER_OTLP_ENDPOINT (or …_TRACES_ENDPOINT) is set: the SDK and the
 * OTLP/HTTP exporter are imported here, on start, and never otherwise. One server span per request, named by
 * its route template (`GET /api/meetings/:id`, never the id) with its status, and one client span per database
 * statement run for it (operation, engine, the SQL text with placeholders, never the values), from the same hook
 * that feeds /metrics. Spans are batched and posted as OTLP JSON; closing the app sends what is left.
 */
export async function registerTracing(app: App, tracing: TracingConfig, database: Database) {
  const [api, sdk, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all([
    import("@opentelemetry/api"),
    import("@opentelemetry/sdk-trace-base"),
    import("@opentelemetry/exporter-trace-otlp-http"),
    import("@opentelemetry/resources"),
  ]);
  // The exporter's failures (collector unreachable, refused) go to our log, not to nowhere.
  const warn = (message: string, ...args: unknown[]) => app.log.warn({ otel: args }, `OpenTelemetry: ${message}`);
  const quiet = () => {};
  api.diag.setLogger(
    { error: warn, warn, info: quiet, debug: quiet, verbose: quiet },
    { logLevel: api.DiagLogLevel.WARN, suppressOverrideMessage: true },
  );
  const provider = new sdk.BasicTracerProvider({
    resource: resourceFromAttributes({
      "service.name": tracing.serviceName,
      "service.instance.id": `${os.hostname()}:${process.pid}`,
    }),
    spanProcessors: [new sdk.BatchSpanProcessor(new OTLPTraceExporter({ url: tracing.url }))],
  });
  const tracer: Tracer = provider.getTracer("renkei");
  const spans = new WeakMap<object, Span>();

  app.addHook("onRequest", (request, _reply, done) => {
    const route = request.routeOptions.url;
    const span = tracer.startSpan(route ? `${request.method} ${route}` : request.method, {
      kind: api.SpanKind.SERVER,
      attributes: {
        "http.request.method": request.method,
        ...(route ? { "http.route": route } : {}),
        "renkei.request_id": request.id,
      },
    });
    spans.set(request, span);
    // For the rest of this request (hooks, body, handler), wherever it awaits.
    current.enterWith(span);
    done();
  });
  app.addHook("onResponse", (request, reply, done) => {
    const span = spans.get(request);
    if (span) {
      span.setAttribute("http.response.status_code", reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: api.SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });

  const engine = database.engine;
  const observer: QueryObserver = (operation, seconds, failed, sqlText) => {
    const parent = current.getStore();
    if (!parent) return; // statements of background jobs and start-up are not traced
    const end = performance.now();
    const span = tracer.startSpan(
      `${operation} ${dbSystem[engine]}`,
      {
        kind: api.SpanKind.CLIENT,
        startTime: end - seconds * 1000,
        attributes: {
          "db.system.name": dbSystem[engine],
          "db.operation.name": operation,
          "db.query.text": sqlText.slice(0, 2000),
        },
      },
      api.trace.setSpan(api.ROOT_CONTEXT, parent),
    );
    if (failed) span.setStatus({ code: api.SpanStatusCode.ERROR });
    span.end(end);
  };
  database.observers.add(observer);
  app.addHook("onClose", async () => {
    database.observers.delete(observer);
    // Sends the spans still in the batch; a collector that is down must not fail the shutdown.
    await provider.shutdown().catch((err: Error) => warn(`the last spans were not sent (${err.message})`));
  });
}
