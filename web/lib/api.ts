import type { ErrorCode, FieldIssue } from "../../shared/errors.js";

/** What the client knows of a failed request: the server's code and message, and its field issues. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | "NETWORK",
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The message for one field, matched on its path ("email", "rows.3.lgCode"). */
  fieldError(path: string): string | undefined {
    return this.issues.find((i) => i.path === path)?.message;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

let csrfToken: string | null = null;

/** Remembers the session's CSRF token (from /api/me or the login response). */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

function csrfFromCookie(): string | null {
  const hit = document.cookie.split("; ").find((c) => c.startsWith("renkei_csrf="));
  return hit ? decodeURIComponent(hit.slice("renkei_csrf=".length)) : null;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** Builds "?a=1&b=2" from the defined, non-empty values. */
export function toSearch(query: Query | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : "";
}

function parseIssues(details: unknown): FieldIssue[] {
  const issues = (details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter(
    (i): i is FieldIssue => typeof i === "object" && i !== null && typeof i.path === "string" && typeof i.message === "string",
  );
}

/** One request, JSON or multipart (a FormData body: the browser sets its own content type and boundary). */
async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  const multipart = body instanceof FormData;
  if (body !== undefined && !multipart) headers["content-type"] = "application/json";
  if (method !== "GET") {
    const token = csrfToken ?? csrfFromCookie();
    if (token) headers["x-csrf-token"] = token;
  }
  let res: Response;
  try {
    res = await fetch(`/api${path}${toSearch(query)}`, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "NETWORK", "サーバーに接続できません。ネットワークを確認してください。");
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: ErrorCode; message?: string; details?: unknown } } | null)?.error;
    throw new ApiError(
      res.status,
      err?.code ?? (res.status >= 500 ? "INTERNAL" : "BAD_REQUEST"),
      err?.message ?? "エラーが発生しました。",
      parseIssues(err?.details),
      err?.details,
    );
  }
  return data as T;
}

/** The typed fetch client. Paths are relative to /api. */
export const api = {
  get: <T>(path: string, query?: Query) => request<T>("GET", path, undefined, query),
  post: <T>(path: string, body: unknown = {}) => request<T>("POST", path, body),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  delete: <T>(path: string) => request<T>("DELETE", path),
  /** Multipart POST (file uploads): same CSRF header, same ApiError on failure. */
  postForm: <T>(path: string, form: FormData) => request<T>("POST", path, form),
};
