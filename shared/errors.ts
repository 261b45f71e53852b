/** Error codes shared by server and web. The wire format is always `{ error: { code, message, details? } }`. */
export const errorCodes = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  MFA_REQUIRED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  /** A service Renkei depends on (the LDAP directory) refused or could not be reached; the message says what to check. */
  UPSTREAM_FAILED: 502,
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** One field problem: `path` names the field ("email", "rows.3.lgCode"), `message` says what to do. */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
