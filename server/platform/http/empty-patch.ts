import type { FastifyRequest } from "fastify";
import { invalid } from "../errors.js";
import type { App } from "./types.js";

/**
 * A PATCH whose body, once validated (unknown fields stripped), changes nothing is a 400 with a
 * message, not an UPDATE with no columns. Runs after validation and the auth hook, for every PATCH.
 */
export function registerEmptyPatchGuard(app: App) {
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
