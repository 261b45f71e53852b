import { type ErrorCode, errorCodes, type FieldIssue } from "../../shared/errors.js";

/** The one error type of the server. Services throw it; the error handler turns it into the wire format. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = errorCodes[code];
  }
}

export const notFound = (what = "指定されたデータ") => new AppError("NOT_FOUND", `${what}が見つかりません。`);
export const forbidden = (message = "この操作を行う権限がありません。") => new AppError("FORBIDDEN", message);
export const conflict = (message: string) => new AppError("CONFLICT", message);
export const invalid = (message: string, issues?: FieldIssue[]) =>
  new AppError("VALIDATION_FAILED", message, issues ? { issues } : undefined);
