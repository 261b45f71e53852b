import type { FastifyDynamicSwaggerOptions } from "@fastify/swagger";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import { SESSION_COOKIE } from "../auth/session.js";

/**
 * The API document (/api/openapi.json): the Zod schemas of every route, plus what they cannot say —
 * the session cookie as the security scheme (public routes need none), multipart uploads and file downloads.
 * Checked by `redocly lint` (recommended rules) in server/openapi.db.test.ts.
 */

/** Routes that pass an upload to their service (`uploadOf(req)`, multipart/form-data): the files come in the field "file". */
const multipartRoutes = [
  "POST /api/meetings/{id}/materials",
  "POST /api/meetings/{id}/materials/{materialId}/versions",
  "POST /api/notices/{id}/attachments",
  "POST /api/documents",
  "POST /api/documents/{id}/versions",
  "POST /api/challenges/{id}/attachments",
  "POST /api/consultations",
  "POST /api/consultations/{id}/messages",
  "POST /api/surveys/{id}/attachments",
  "POST /api/surveys/{id}/answers/{orgId}/files",
  "POST /api/progress/evidence",
  "POST /api/progress/import",
  "POST /api/orgs/import",
  "POST /api/surveys/import-workbook",
  "POST /api/surveys/{id}/answers/{orgId}/workbook",
  "POST /api/surveys/{id}/workbook/collation.xlsx",
  "POST /api/progress/definitions/import",
  "POST /api/procurement/scenarios/{id}/usage.xlsx",
];

const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** A download's content types, from how its path ends. */
function downloadTypes(path: string): string[] {
  if (path.endsWith(".pdf")) return ["application/pdf"];
  if (path.endsWith(".zip") || path.endsWith("/zip")) return ["application/zip"];
  if (path.endsWith(".csv")) return ["text/csv"];
  if (path.endsWith(".xlsx")) return [xlsx];
  if (path.endsWith(".ics") || path.startsWith("/api/calendar/feed/")) return ["text/calendar"];
  if (path.endsWith("/export")) return [xlsx, "text/csv"];
  return ["application/octet-stream"]; // a stored file, sent with its own type
}

const binary = { type: "string", format: "binary" };

/** The OpenAPI document as plain JSON. */
type Doc = any;

export const openapiOptions = (publicUrl: string): FastifyDynamicSwaggerOptions => ({
  openapi: {
    info: {
      title: "Renkei API",
      version: "1",
      description: "連携プラットフォームのAPI。セッションCookieで認証し、変更系の要求には x-csrf-token ヘッダーが必要です。",
      license: { name: "Proprietary", url: `${publicUrl}/` },
    },
    servers: [{ url: publicUrl }],
    components: {
      securitySchemes: { session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE } },
    },
    security: [{ session: [] }],
  },
  transform: (input) => {
    const out = jsonSchemaTransform(input);
    const schema = { ...(out.schema as Record<string, unknown>) };
    const method = [input.route.method].flat()[0] ?? "GET";
    schema.summary ??= `${method} ${out.url}`;
    schema.operationId ??= `${String(method).toLowerCase()}${out.url.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`;
    if ((input.route.config as { public?: boolean } | undefined)?.public) schema.security = [];
    return { ...out, schema };
  },
  transformObject: (documentObject) => {
    const doc: Doc = "openapiObject" in documentObject ? documentObject.openapiObject : {};
    for (const [path, ops] of Object.entries<Doc>(doc.paths ?? {})) {
      const post = ops.post;
      if (post && multipartRoutes.includes(`POST ${path}`)) {
        post.requestBody = {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                properties: { file: { type: "array", items: binary, description: "送るファイル（複数可）" } },
                additionalProperties: { type: "string" },
              },
            },
          },
        };
      }
      // GETs without a JSON answer are downloads, and so is a POST that answers with a file (a write-back).
      const get = ops.get ?? (post && /\.(xlsx|zip)$/.test(path) ? post : undefined);
      if (get) {
        get.responses ??= {};
        const ok = get.responses["200"];
        if (!ok?.content) {
          get.responses["200"] = {
            description: "ファイル",
            content: Object.fromEntries(downloadTypes(path).map((t) => [t, { schema: binary }])),
          };
        }
      }
      for (const op of Object.values<Doc>(ops)) {
        op.responses ??= {};
        if (!Object.keys(op.responses).some((c) => c.startsWith("4")))
          op.responses["4XX"] = { description: "要求の誤り（{ error: { code, message } }）" };
      }
    }
    dropUntypedNullable(doc);
    return doc;
  },
});

/** OpenAPI 3.0 allows `nullable` only next to `type`; a schema without a type already admits null. */
function dropUntypedNullable(node: Doc): void {
  if (!node || typeof node !== "object") return;
  if ("nullable" in node && !("type" in node)) delete node.nullable;
  for (const v of Object.values(node)) dropUntypedNullable(v);
}
