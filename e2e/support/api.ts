import { expect, type Page } from "@playwright/test";

/**
 * Calls the API with the page's session (cookies and CSRF token), for setting up or cleaning up data
 * that the test is not about. Fails the test on a non-2xx answer.
 */
export function apiClient(page: Page) {
  const call = async (method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", path: string, data?: unknown) => {
    const csrf = (await page.context().cookies()).find((c) => c.name === "renkei_csrf")?.value ?? "";
    const res = await page.request.fetch(`/api${path}`, { method, data, headers: { "x-csrf-token": csrf } });
    expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
    const text = await res.text();
    return text ? JSON.parse(text) : null;
  };
  return {
    get: (path: string) => call("GET", path),
    post: (path: string, data: unknown = {}) => call("POST", path, data),
    patch: (path: string, data: unknown) => call("PATCH", path, data),
    put: (path: string, data: unknown) => call("PUT", path, data),
    delete: (path: string) => call("DELETE", path),
  };
}
