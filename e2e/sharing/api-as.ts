import { type APIRequestContext, expect, request } from "@playwright/test";
import { demoPassword } from "../support/demo.js";

export interface ApiClient {
  post<T = any>(path: string, data?: unknown): Promise<T>;
  get<T = any>(path: string): Promise<T>;
  dispose(): Promise<void>;
}

/** A signed-in API client of another demo user, for the parts of a story that happen elsewhere (other towns). */
export async function apiAs(baseURL: string, email: string): Promise<ApiClient> {
  const ctx: APIRequestContext = await request.newContext({ baseURL });
  const login = await ctx.post("/api/auth/login", { data: { email, password: demoPassword } });
  expect(login.ok(), `login ${email}`).toBe(true);
  const csrf = (await login.json()).csrfToken as string;
  const check = async (res: Awaited<ReturnType<APIRequestContext["get"]>>, what: string): Promise<any> => {
    expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBe(true);
    return res.json();
  };
  return {
    post: async (path, data = {}) =>
      check(await ctx.post(`/api${path}`, { data, headers: { "x-csrf-token": csrf } }), `POST ${path} as ${email}`),
    get: async (path) => check(await ctx.get(`/api${path}`), `GET ${path} as ${email}`),
    dispose: () => ctx.dispose(),
  };
}
