import http from "node:http";
import type { AddressInfo } from "node:net";

type AnyValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
type Attribute = { key: string; value: AnyValue };

/** One span as received, its attributes flattened (numbers as numbers). */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP's SpanKind: 2 server, 3 client. */
  kind: number;
  attributes: Record<string, string | number | boolean | undefined>;
  status?: { code?: number };
  resource: Record<string, string | number | boolean | undefined>;
}

export interface OtlpReceiver {
  /** The base URL, as OTEL_EXPORTER_OTLP_ENDPOINT. */
  endpoint: string;
  /** Every body posted to /v1/traces, as received. */
  bodies: string[];
  spans(): ReceivedSpan[];
  close(): Promise<void>;
}

const flat = (attrs: Attribute[] = []) =>
  Object.fromEntries(
    attrs.map((a) => {
      const v = a.value;
      const n = v.intValue ?? v.doubleValue;
      return [a.key, n !== undefined ? Number(n) : (v.stringValue ?? v.boolValue)];
    }),
  );

/** A real OTLP/HTTP collector endpoint for tests: accepts JSON trace exports on /v1/traces and keeps them. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/traces" || !req.headers["content-type"]?.includes("application/json")) {
        res.writeHead(404).end();
        return;
      }
      bodies.push(Buffer.concat(chunks).toString("utf8"));
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bodies,
    spans: () =>
      bodies.flatMap((b) =>
        (JSON.parse(b).resourceSpans ?? []).flatMap(
          (rs: {
            resource?: { attributes?: Attribute[] };
            scopeSpans?: { spans?: (ReceivedSpan & { attributes: Attribute[] })[] }[];
          }) =>
            (rs.scopeSpans ?? []).flatMap((ss) =>
              (ss.spans ?? []).map((s) => ({ ...s, attributes: flat(s.attributes), resource: flat(rs.resource?.attributes) })),
            ),
        ),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
