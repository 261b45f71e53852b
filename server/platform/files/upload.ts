import { Readable } from "node:stream";
import type { z } from "zod";
import type { Ctx } from "../context.js";
import { invalid } from "../errors.js";
import { type StoredFile, storeUpload, type UploadRules } from "./store.js";

/** Form fields: text from a multipart form, any JSON value from a JSON body. Read them with `parseFields` or `textField`. */
export type Fields = Record<string, unknown>;

/** One file held in memory, as sent. */
export interface UploadedFile {
  bytes: Buffer;
  name: string;
}

/**
 * What a request sent, not yet read. Every service that takes files takes one of these as its last
 * argument and reads it itself, after its own checks and under its own rules: `store` inside the
 * mutation's transaction (a refused file or a rolled-back change leaves no row behind), `read` for an
 * import that parses one file without keeping it. Routes make it with `uploadOf(request)`
 * (platform/files/http.ts); the CLI, the demo and benchmarks with `localUpload`.
 */
export interface Upload {
  /** The fields and every file, stored (type and size checked). A JSON body gives its object as the fields and no files. */
  store(tx: Ctx, rules: UploadRules): Promise<{ fields: Fields; files: StoredFile[] }>;
  /** The one file an import parses (field `file`), in memory and not stored, with the text fields. */
  read(): Promise<{ file: UploadedFile; fields: Fields }>;
}

/** The refusal of an import without a file. */
export const noFileError = () =>
  invalid("取り込むファイルを選んでください。", [{ path: "file", message: "ファイルを選んでください" }]);

/** Fields and files already in memory (the CLI's `renkei org import FILE`, the demo, the benchmark) as an upload. */
export function localUpload(fields: Fields, files: UploadedFile[] = []): Upload {
  return {
    store: async (tx, rules) => {
      const stored: StoredFile[] = [];
      for (const f of files) stored.push(await storeUpload(tx, { filename: f.name, stream: Readable.from(f.bytes) }, rules));
      return { fields, files: stored };
    },
    read: async () => {
      const file = files[0];
      if (!file?.bytes.length) throw noFileError();
      return { file, fields };
    },
  };
}

/** A text field, "" when absent or not text. */
export const textField = (fields: Fields, name: string): string => {
  const v = fields[name];
  return typeof v === "string" ? v : "";
};

/**
 * Validates fields that did not go through a route schema (multipart forms), with the same wire format
 * as schema errors: VALIDATION_FAILED and one issue per field.
 */
export function parseFields<T extends z.ZodType>(schema: T, fields: unknown): z.infer<T> {
  const r = schema.safeParse(fields);
  if (r.success) return r.data;
  throw invalid(
    "入力内容を確認してください。",
    r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  );
}
