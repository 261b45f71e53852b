import type { AddressInfo } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { DEMO_PASSWORD, engine, type TestEnv, testEnv } from "../testing/harness.js";
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from "../testing/otlp.js";

let env: TestEnv;
let receiver: OtlpReceiver;
const SERVER = 2;
const CLIENT = 3;

beforeAll(async () => {
  process.env.OTEL_BSP_SCHEDULE_DELAY = "100"; // the SDK's own setting: send batches every 100 ms, not every 5 s
  receiver = await startOtlpReceiver();
  env = await testEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint });
  return async () => {
    delete process.env.OTEL_BSP_SCHEDULE_DELAY;
    await receiver.close();
  };
});

async function spanNamed(name: string): Promise<ReceivedSpan> {
  for (let i = 0; i < 100; i++) {
    const found = receiver.spans().find((s) => s.name === name);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no span ${name}; received: ${receiver.spans().map((s) => s.name)}`);
}

const childrenOf = (parent: ReceivedSpan) =>
  receiver.spans().filter((s) => s.traceId === parent.traceId && s.parentSpanId === parent.spanId);

describe(`OpenTelemetry traces on ${engine}`, () => {
  it("sends a span per request with its route template and status, and a span per statement under it", async () => {
    await env.app.listen({ port: 0, host: "127.0.0.1" });
    const base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
    // Over a real socket: the login's body is read after onRequest, its statements still belong to it.
    const login = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "abu@example.jp", password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const id = crypto.randomUUID();
    const missing = await fetch(`${base}/api/documents/${id}`, { headers: { cookie } });
    expect(missing.status).toBe(404);

    const server = await spanNamed("GET /api/documents/:id");
    expect(server.kind).toBe(SERVER);
    expect(server.attributes).toMatchObject({
      "http.request.method": "GET",
      "http.route": "/api/documents/:id",
      "http.response.status_code": 404,
      "renkei.request_id": missing.headers.get("x-request-id"),
    });
    expect(server.resource["service.name"]).toBe("renkei");
    const statements = childrenOf(server);
    const system = engine === "postgres" ? "postgresql" : "sqlite";
    expect(statements.length).toBeGreaterThanOrEqual(2); // the session lookup and the document
    for (const s of statements) {
      expect(s.kind).toBe(CLIENT);
      expect(s.attributes["db.system.name"]).toBe(system);
    }
    expect(statements.map((s) => s.attributes["db.operation.name"])).toContain("select");
    expect(statements.some((s) => String(s.attributes["db.query.text"]).includes('"documents"'))).toBe(true);

    const signIn = await spanNamed("POST /api/auth/login");
    expect(signIn.attributes["http.response.status_code"]).toBe(200);
    const signInOps = childrenOf(signIn).map((s) => s.attributes["db.operation.name"]);
    expect(signInOps).toContain("select");
    expect(signInOps).toContain("insert"); // the new session
    // Statements of one request never land under another.
    expect(new Set([...childrenOf(signIn), ...statements].map((s) => s.spanId)).size).toBe(
      childrenOf(signIn).length + statements.length,
    );

    // What is sent names routes and statements, never the ids, addresses or passwords in them.
    const sent = receiver.bodies.join("\n");
    expect(sent).not.toContain(id);
    expect(sent).not.toContain(DEMO_PASSWORD);
    expect(sent).not.toContain("abu@example.jp");
  });

  it("sends nothing from an instance without OTEL_EXPORTER_OTLP_ENDPOINT", async () => {
    await new Promise((r) => setTimeout(r, 300)); // the traced instance's last batch (it sends every 100 ms)
    const before = receiver.bodies.length;
    const plain = await buildApp({ config: { ...env.config, tracing: undefined }, database: env.database });
    expect((await plain.inject({ method: "GET", url: `/api/documents/${crypto.randomUUID()}` })).statusCode).toBe(401);
    expect((await plain.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
    await plain.close();
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.bodies.length).toBe(before);
  });
});
