import type { FastifyReply, FastifyRequest } from "fastify";
import type { Ctx } from "../context.js";
import { AppError } from "../errors.js";
import { nulError } from "../http/input-guards.js";
import type { Download } from "./download.js";
import { type StoredFile, storeUpload, type UploadRules } from "./store.js";
import { type Fields, noFileError, type Upload, type UploadedFile } from "./upload.js";

/**
 * A request's body as an `Upload` for the service: read only when the service asks, inside its transaction.
 * With `json`, a request that is not multipart is a form without files whose fields are its JSON body;
 * otherwise it is refused (415).
 */
export function uploadOf(request: FastifyRequest, opts: { json?: boolean } = {}): Upload {
  return {
    store: async (tx, rules) => {
      if (request.isMultipart()) return readMultipart(request, tx, rules);
      if (opts.json) return { fields: jsonFields(request), files: [] };
      throw notMultipart();
    },
    read: () => readImportFile(request),
  };
}

const jsonFields = (request: FastifyRequest): Fields =>
  request.body && typeof request.body === "object" ? (request.body as Fields) : {};

const notMultipart = () => new AppError("UNSUPPORTED_MEDIA_TYPE", "ファイルは multipart/form-data で送ってください。");

/** Reads a multipart request: text fields, and every file stored (checked for size and type). */
async function readMultipart(
  request: FastifyRequest,
  ctx: Ctx,
  rules: UploadRules,
): Promise<{ fields: Record<string, string>; files: StoredFile[] }> {
  const fields: Record<string, string> = {};
  const files: StoredFile[] = [];
  try {
    for await (const part of request.parts()) {
      if (part.type === "file") {
        if (!part.filename) {
          part.file.resume();
          continue;
        }
        files.push(await storeUpload(ctx, { filename: part.filename, stream: part.file }, rules));
      } else {
        const value = String(part.value ?? "");
        if (value.includes("\u0000")) throw nulError(part.fieldname);
        fields[part.fieldname] = value;
      }
    }
  } catch (err) {
    if ((err as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE")
      throw new AppError(
        "PAYLOAD_TOO_LARGE",
        `ファイルが大きすぎます。${Math.floor(ctx.config.uploadMaxBytes / 1024 / 1024)}MB以下のファイルにしてください。`,
      );
    if ((err as { code?: string }).code === "FST_FILES_LIMIT")
      throw new AppError("PAYLOAD_TOO_LARGE", "一度に送れるファイルは20個までです。");
    throw err;
  }
  return { fields, files };
}

/**
 * Reads one file an import parses without storing it (field `file`), with the text fields
 * (`dryRun` …). The bytes stay in memory: imports are limited to the upload size.
 */
async function readImportFile(request: FastifyRequest): Promise<{ file: UploadedFile; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw notMultipart();
  const fields: Record<string, string> = {};
  let file: UploadedFile | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === "file") {
        if (file || !part.filename) part.file.resume();
        else file = { bytes: await part.toBuffer(), name: part.filename };
      } else fields[part.fieldname] = String(part.value ?? "");
    }
  } catch (err) {
    if ((err as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE")
      throw new AppError("PAYLOAD_TOO_LARGE", "ファイルが大きすぎます。いくつかに分けて取り込んでください。");
    throw err;
  }
  if (!file?.bytes.length) throw noFileError();
  return { file, fields };
}

/** RFC 5987 filename so Japanese names survive every browser (an ASCII fallback for old clients). */
function contentDisposition(name: string, inline = false): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replaceAll('"', "");
  return `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * The one way a file leaves the server: type, length when known, Content-Disposition with the Japanese
 * name, nosniff, and no-store for signed-in data (no-cache for the public site).
 */
export function sendDownload(reply: FastifyReply, d: Download) {
  const body =
    d.body instanceof Uint8Array && !Buffer.isBuffer(d.body)
      ? Buffer.from(d.body.buffer, d.body.byteOffset, d.body.byteLength)
      : d.body;
  const size = d.size ?? (Buffer.isBuffer(body) ? body.length : typeof body === "string" ? Buffer.byteLength(body) : undefined);
  reply
    .header("content-type", d.contentType)
    .header("content-disposition", contentDisposition(d.filename, d.inline))
    .header("x-content-type-options", "nosniff")
    .header("cache-control", d.cache === "public" ? "no-cache" : "no-store");
  if (size !== undefined) reply.header("content-length", String(size));
  for (const [name, value] of Object.entries(d.headers ?? {})) reply.header(name, value);
  return reply.send(body);
}
