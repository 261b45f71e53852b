/** The hot routes bench/http.ts and bench/http-ab.ts measure, who asks for each, and signing in over HTTP. */
import type { Ctx } from "../server/platform/context.js";
import { BENCH_PASSWORD } from "./support.js";

export interface Ids {
  programmeId: string;
}

export interface Route {
  name: string;
  /** The demo user who asks: a municipal clerk, or the prefecture's secretariat for staff views; none for /healthz. */
  as: "clerk" | "staff" | "none";
  url: (ids: Ids) => string;
}

/** The routes every page or the home page calls, and the lists of each feature. */
export const hotRoutes: Route[] = [
  // Renkei's own floor: its plugins and hooks on a route with no sign-in and no SQL.
  { name: "healthz", as: "none", url: () => "/healthz" },
  { name: "me", as: "clerk", url: () => "/api/me" },
  { name: "unread-count", as: "clerk", url: () => "/api/notifications/unread-count" },
  { name: "home-unread", as: "clerk", url: () => "/api/notifications?unread=true&limit=5&offset=0" },
  { name: "home", as: "clerk", url: () => "/api/home" },
  { name: "bodies", as: "clerk", url: () => "/api/bodies" },
  { name: "meetings", as: "clerk", url: () => "/api/meetings" },
  { name: "notices", as: "clerk", url: () => "/api/notices" },
  { name: "consultations", as: "staff", url: () => "/api/consultations" },
  { name: "surveys", as: "clerk", url: () => "/api/surveys" },
  { name: "documents", as: "clerk", url: () => "/api/documents" },
  { name: "challenges", as: "clerk", url: () => "/api/challenges" },
  { name: "dashboard", as: "staff", url: (ids: Ids) => `/api/progress/dashboard?programmeId=${ids.programmeId}` },
  { name: "search 4 chars", as: "clerk", url: () => `/api/search?q=${encodeURIComponent("デジタル")}` },
  { name: "search 1 char", as: "clerk", url: () => `/api/search?q=${encodeURIComponent("会")}` },
];

/** The ids the routes' URLs need: the demo's standardisation programme (a year of history). */
export async function routeIds(ctx: Ctx): Promise<Ids> {
  const { id } = await ctx.db.selectFrom("progress_programmes").select("id").orderBy("code").executeTakeFirstOrThrow();
  return { programmeId: id };
}

/** Signs a demo user in at a running server; the cookies to send. */
export async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
