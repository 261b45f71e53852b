import type { Ctx } from "../context.js";
import { openFileStream, type StoredFile } from "./store.js";

/**
 * A file the server hands out: services return one, and every download route sends it with
 * `sendDownload` (platform/files/http.ts), which writes the headers once for all.
 */
export interface Download {
  /** The name the user sees (Japanese kept: sent as RFC 5987 `filename*`). */
  filename: string;
  contentType: string;
  body: Buffer | Uint8Array | string | NodeJS.ReadableStream;
  /** Known length of a streamed body (a stored file); buffers and text are measured. */
  size?: number;
  /** Open in the browser (PDF, images, calendars) instead of saving. */
  inline?: boolean;
  /** "private" (default): signed-in data, never kept by a cache. "public": the public council site, revalidated. */
  cache?: "private" | "public";
  /** Headers the page reads besides the file (the CSV's text encoding …). */
  headers?: Record<string, string>;
}

/** A stored file as a download, after the caller has checked access. Only PDFs and images open inline. */
export function storedDownload(
  ctx: Ctx,
  file: Pick<StoredFile, "name" | "mime" | "size" | "sha256">,
  opts: { inline?: boolean } = {},
): Download {
  return {
    filename: file.name,
    contentType: file.mime,
    body: openFileStream(ctx, file),
    size: file.size,
    inline: !!opts.inline && (file.mime === "application/pdf" || file.mime.startsWith("image/")),
  };
}
