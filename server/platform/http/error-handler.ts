import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { type ErrorCode, errorCodes } from "../../../shared/errors.js";
import { AppError } from "../errors.js";
import { BlobMissingError } from "../files/blob.js";

const byStatus: Record<number, ErrorCode> = {
  400: "BAD_REQUEST",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "RATE_LIMITED",
};

const messages: Partial<Record<ErrorCode, string>> = {
  BAD_REQUEST: "リクエストの形式が正しくありません。",
  PAYLOAD_TOO_LARGE: "送信されたデータが大きすぎます。",
  UNSUPPORTED_MEDIA_TYPE: "この形式のデータは受け付けられません。",
  RATE_LIMITED: "短時間に多くの操作がありました。しばらく待ってからもう一度お試しください。",
};

/** Turns every error into `{ error: { code, message, details? } }`; 5xx messages are never shown. */
export function errorHandler(err: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof BlobMissingError) {
    request.log.error(
      { blob: err.sha256, store: err.location },
      `stored file missing: blob ${err.sha256} is not in ${err.location}`,
    );
    // The download's headers were already set; the answer is the error, not the file.
    reply.removeHeader("content-disposition").header("content-type", "application/json; charset=utf-8");
  }
  if (err instanceof AppError) {
    return reply.status(err.status).send({ error: { code: err.code, message: err.message, details: err.details } });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      path: `${err.validationContext === "body" ? "" : `${err.validationContext}.`}${v.instancePath.replace(/^\//, "").replaceAll("/", ".")}`,
      message: v.message ?? "値が正しくありません",
    }));
    return reply.status(400).send({
      error: { code: "VALIDATION_FAILED", message: "入力内容を確認してください。", details: { issues } },
    });
  }
  const status = err.statusCode ?? 500;
  if (status < 500) {
    const code = byStatus[status] ?? "BAD_REQUEST";
    return reply.status(status).send({ error: { code, message: messages[code] ?? err.message } });
  }
  request.log.error({ err }, "unhandled error");
  return reply
    .status(errorCodes.INTERNAL)
    .send({ error: { code: "INTERNAL", message: "サーバーでエラーが発生しました。時間をおいてもう一度お試しください。" } });
}
