import type { z } from "zod";
import type { Ctx } from "../../platform/context.js";
import { invalid } from "../../platform/errors.js";
import type { StoredFile } from "../../platform/files/store.js";

/**
 * Validates input that did not go through a route schema (multipart fields), with the same
 * wire format as schema errors: VALIDATION_FAILED and one issue per field.
 */
export function parseInput<T extends z.ZodType>(schema: T, data: unknown): z.infer<T> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  throw invalid(
    "入力内容を確認してください。",
    r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  );
}

/** Where a mutation's input comes from: JSON, or a multipart form read inside the mutation's transaction. */
export type InputSource = (tx: Ctx) => Promise<{ data: unknown; files: StoredFile[] }>;
