import { ApiError } from "../../lib/api.js";

/** Sends a multipart form (file uploads) with the session's CSRF token; errors become ApiError like JSON calls. */
export async function postForm<T>(path: string, form: FormData): Promise<T> {
  const token = document.cookie
    .split("; ")
    .find((c) => c.startsWith("renkei_csrf="))
    ?.slice("renkei_csrf=".length);
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method: "POST",
      body: form,
      credentials: "same-origin",
      headers: token ? { "x-csrf-token": decodeURIComponent(token) } : {},
    });
  } catch {
    throw new ApiError(0, "NETWORK", "サーバーに接続できません。ネットワークを確認してください。");
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const err = data?.error;
    throw new ApiError(
      res.status,
      err?.code ?? "BAD_REQUEST",
      err?.message ?? "エラーが発生しました。",
      err?.details?.issues ?? [],
    );
  }
  return data as T;
}

export const fileSize = (n: number) =>
  n < 1024 * 1024 ? `${Math.max(1, Math.ceil(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
