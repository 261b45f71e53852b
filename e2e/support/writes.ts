import type { Page } from "@playwright/test";

/** Every request that would change something on the server (POST, PUT, PATCH, DELETE under /api), from now on. */
export function writes(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (req) => {
    if (req.method() !== "GET" && new URL(req.url()).pathname.startsWith("/api/")) seen.push(`${req.method()} ${req.url()}`);
  });
  return seen;
}
