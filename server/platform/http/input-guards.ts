import type { FastifyRequest } from "fastify";
import { invalid } from "../errors.js";
import type { App } from "./types.js";

/** The first path (e.g. "rows.3.name") whose string holds a NUL character, which PostgreSQL cannot store in text. */
function nulPath(value: unknown, path = ""): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const found = nulPath(v, path ? `${path}.${k}` : k);
      if (found !== null) return found;
    }
  }
  return null;
}

export const nulError = (path: string) =>
  invalid("使用できない文字（NUL文字）が含まれています。文字を入力し直してください。", [
    { path, message: "使用できない文字が含まれています" },
  ]);

/**
 * Input rules every /api route shares, so each engine stores the same things and no service sees
 * an input it cannot act on:
 * - a NUL character in any string of the body, query or path is a 400 (PostgreSQL refuses it in text;
 *   SQLite would store it): checked before validation;
 * - a PATCH whose body, once validated (unknown fields stripped), changes nothing is a 400 with a
 *   message, not an UPDATE with no columns: checked after validation and the auth hook.
 */
export function registerInputGuards(app: App) {
  app.addHook("preValidation", async (request: FastifyRequest) => {
    for (const part of [request.params, request.query, request.body]) {
      const path = nulPath(part);
      if (path !== null) throw nulError(path);
    }
  });
  app.addHook("preHandler", async (request: FastifyRequest) => {
    if (request.method !== "PATCH" || request.is404) return;
    const body = request.body;
    const empty =
      body === undefined ||
      body === null ||
      (typeof body === "object" && !Array.isArray(body) && Object.values(body).every((v) => v === undefined));
    if (empty) throw invalid("変更する項目がありません。変更したい項目を入力してから保存してください。");
  });
}
