import type { FastifyReply, FastifyRequest } from "fastify";
import type { Ctx } from "../context.js";
import { AppError } from "../errors.js";
import { nulError } from "../http/input-guards.js";
import { openFileStream, type StoredFile, storeUpload, type UploadRules } from "./store.js";

/**
 * Reads a multipart request: text fields, and every file stored (checked for size and type).
 * Call it inside the mutation's transaction so a rejected file leaves nothing behind.
 */
export async function readMultipart(
  request: FastifyRequest,
  ctx: Ctx,
  rules: UploadRules,
): Promise<{ fields: Record<string, string>; files: StoredFile[] }> {
  if (!request.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "ファイルは multipart/form-data で送ってください。");
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
export async function readImportFile(
  request: FastifyRequest,
): Promise<{ file: { bytes: Buffer; name: string }; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "ファイルは multipart/form-data で送ってください。");
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; name: string } | null = null;
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
  if (!file?.bytes.length)
    throw new AppError("VALIDATION_FAILED", "取り込むファイルを選んでください。", {
      issues: [{ path: "file", message: "ファイルを選んでください" }],
    });
  return { file, fields };
}

/** RFC 5987 filename so Japanese names survive every browser. */
export function contentDisposition(name: string, inline = false): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replaceAll('"', "");
  return `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Sends a stored file after the caller has checked access. PDFs and images may open inline for preview. */
export function sendStoredFile(reply: FastifyReply, ctx: Ctx, file: StoredFile, opts: { inline?: boolean } = {}) {
  const inline = !!opts.inline && (file.mime === "application/pdf" || file.mime.startsWith("image/"));
  return reply
    .header("content-type", file.mime)
    .header("content-length", String(file.size))
    .header("content-disposition", contentDisposition(file.name, inline))
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "no-store")
    .send(openFileStream(ctx, file));
}
