import { beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { currentTotp } from "../modules/auth/two-factor.js";
import { DEMO_PASSWORD, type TestEnv, testEnv } from "../platform/testing/harness.js";

/** Finding 2: sign-in and recovery. Requests carry their own client address (remoteAddress) where it matters. */
let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ LOGIN_MAX_FAILURES: "3", LOGIN_ADDRESS_MAX_FAILURES: "6" });
});

type Headers = Record<string, string>;
const post = (url: string, payload: unknown, ip = "10.0.0.1", headers: Headers = {}) =>
  env.app.inject({ method: "POST", url, payload: payload as object, headers, remoteAddress: ip });
const login = (email: string, password: string, ip = "10.0.0.1") => post("/api/auth/login", { email, password }, ip);
const cookieOf = (res: { cookies: { name: string; value: string }[] }) =>
  res.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
const signedIn = (res: Awaited<ReturnType<typeof login>>) => ({
  cookie: cookieOf(res),
  "x-csrf-token": res.json().csrfToken as string,
});
const meStatus = async (headers: Headers) => (await env.app.inject({ method: "GET", url: "/api/me", headers })).statusCode;

/** Every e-mail link of this kind sent to the address, oldest first. */
async function links(to: string, path: string) {
  const mails = await env.database.db.selectFrom("mail_outbox").select("text").where("to_address", "=", to).execute();
  return mails.flatMap((m) => [...m.text.matchAll(new RegExp(`${path}/([A-Za-z0-9_-]+)`, "g"))].map((x) => x[1]!));
}

async function enrol(email: string) {
  const client = await env.as(email);
  const setup = await client.post("/api/me/totp/setup");
  expect((await client.post("/api/me/totp/enable", { code: currentTotp(setup.body.secret) })).status).toBe(200);
  return setup.body.secret as string;
}

describe("two-factor codes", () => {
  it("accepts a code once: not again, nor a code of an earlier step", async () => {
    const secret = await enrol("specialist@example.jp");
    const first = await login("specialist@example.jp", DEMO_PASSWORD, "10.1.0.1");
    // The enrolment spent the current step: its code, and the one before it, are refused.
    const replay = await post("/api/auth/totp", { code: currentTotp(secret) }, "10.1.0.1", signedIn(first));
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.details.issues[0].path).toBe("code");
    expect((await post("/api/auth/totp", { code: currentTotp(secret, -1) }, "10.1.0.1", signedIn(first))).statusCode).toBe(400);
    const next = currentTotp(secret, 1);
    expect((await post("/api/auth/totp", { code: next }, "10.1.0.1", signedIn(first))).statusCode).toBe(200);
    const second = await login("specialist@example.jp", DEMO_PASSWORD, "10.1.0.2");
    expect((await post("/api/auth/totp", { code: next }, "10.1.0.2", signedIn(second))).statusCode).toBe(400);
    expect(await meStatus({ cookie: cookieOf(second) })).toBe(401);
  });

  it("counts wrong codes per account, across addresses and sessions", async () => {
    const secret = await enrol("hagi@example.jp");
    for (let i = 0; i < 3; i++) {
      const s = await login("hagi@example.jp", DEMO_PASSWORD, `10.2.0.${i}`);
      expect((await post("/api/auth/totp", { code: "000000" }, `10.2.0.${i}`, signedIn(s))).statusCode).toBe(400);
    }
    const s = await login("hagi@example.jp", DEMO_PASSWORD, "10.2.0.9");
    const blocked = await post("/api/auth/totp", { code: currentTotp(secret, 1) }, "10.2.0.9", signedIn(s));
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe("RATE_LIMITED");
  });

  it("does not share one address's tries between the accounts behind it", async () => {
    const proxy = "10.3.0.1";
    await enrol("ube@example.jp");
    const colleague = await enrol("kaminoseki@example.jp");
    // One clerk behind the town's proxy spends more than the limiter's ten tries …
    const s = await login("ube@example.jp", DEMO_PASSWORD, proxy);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await post("/api/auth/totp", { code: "000000" }, proxy, signedIn(s))).statusCode);
    expect(statuses.at(-1)).toBe(429);
    // … and a colleague behind the same proxy still signs in with their code.
    const k = await login("kaminoseki@example.jp", DEMO_PASSWORD, proxy);
    expect((await post("/api/auth/totp", { code: currentTotp(colleague, 1) }, proxy, signedIn(k))).statusCode).toBe(200);
  });
});

describe("recovery", () => {
  it("a reset ends every other reset link and every session of the user", async () => {
    const email = "nagato@example.jp";
    const session = await login(email, DEMO_PASSWORD, "10.4.0.1");
    expect(await meStatus({ cookie: cookieOf(session) })).toBe(200);
    await post("/api/auth/password-reset", { email }, "10.4.0.1");
    await post("/api/auth/password-reset", { email }, "10.4.0.1");
    const [a, b] = await links(email, "/reset-password");
    expect(a && b && a !== b).toBe(true);
    expect(
      (await post("/api/auth/password-reset/confirm", { token: b, password: "Sea-Of-Japan-2026" }, "10.4.0.1")).statusCode,
    ).toBe(200);
    expect(
      (await post("/api/auth/password-reset/confirm", { token: a, password: "Other-Sea-2026" }, "10.4.0.1")).statusCode,
    ).toBe(410);
    expect(await meStatus({ cookie: cookieOf(session) })).toBe(401);
    expect((await login(email, "Sea-Of-Japan-2026", "10.4.0.1")).statusCode).toBe(200);
  });

  it("a password change ends outstanding reset links and the other sessions, not this one", async () => {
    const email = "mine@example.jp";
    const here = await login(email, DEMO_PASSWORD, "10.5.0.1");
    const there = await login(email, DEMO_PASSWORD, "10.5.0.2");
    await post("/api/auth/password-reset", { email }, "10.5.0.3");
    const token = (await links(email, "/reset-password")).at(-1)!;
    const changed = await post(
      "/api/me/password",
      { current: DEMO_PASSWORD, next: "Harbour-Lights-2026" },
      "10.5.0.1",
      signedIn(here),
    );
    expect(changed.statusCode).toBe(200);
    expect(await meStatus({ cookie: cookieOf(here) })).toBe(200);
    expect(await meStatus({ cookie: cookieOf(there) })).toBe(401);
    expect(
      (await post("/api/auth/password-reset/confirm", { token, password: "Attacker-Pass-2026" }, "10.5.0.9")).statusCode,
    ).toBe(410);
  });

  it("rate-limits password changes per account", async () => {
    const s = await login("hofu@example.jp", DEMO_PASSWORD, "10.6.0.1");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await post("/api/me/password", { current: `wrong-${i}-Pass`, next: "Hofu-City-2026-x" }, "10.6.0.1", signedIn(s)))
          .statusCode,
      );
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses[5]).toBe(429);
  });
});

describe("sign-in", () => {
  it("a locked account answers exactly as an address without an account", async () => {
    for (let i = 0; i < 3; i++) await login("kudamatsu@example.jp", `wrong-${i}-Password`, "10.7.0.1");
    const locked = await login("kudamatsu@example.jp", DEMO_PASSWORD, "10.7.0.2");
    const unknown = await login("no-such-person@example.jp", DEMO_PASSWORD, "10.7.0.3");
    const wrong = await login("iwakuni@example.jp", "wrong-Password-9", "10.7.0.4");
    expect(locked.statusCode).toBe(401);
    expect(locked.json()).toEqual(unknown.json());
    expect(wrong.json()).toEqual(unknown.json());
  });

  it("stops password spraying: failures from one address across accounts close that address", async () => {
    const sprayer = "10.8.0.1";
    const accounts = ["shimonoseki", "ube", "yamaguchi", "hagi", "hofu", "kudamatsu"];
    for (const a of accounts) expect((await login(`${a}@example.jp`, "Spring2026!", sprayer)).statusCode).toBe(401);
    const blocked = await login("shunan@example.jp", DEMO_PASSWORD, sprayer);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.message).toMatch(/しばらく待って/);
    expect((await login("shunan@example.jp", DEMO_PASSWORD, "10.8.0.2")).statusCode).toBe(200);
  });

  it("counts on every instance: failures through one close the address on another on the same database", async () => {
    const address = "10.8.1.1";
    // A second instance: its own app and configuration, the same database (as behind a load balancer).
    const other = await buildApp({ config: { ...env.config }, database: env.database });
    const loginThere = (email: string, password: string) =>
      other.inject({ method: "POST", url: "/api/auth/login", payload: { email, password }, remoteAddress: address });
    try {
      for (let i = 0; i < 3; i++) expect((await login("ube@example.jp", "Spring2026!", address)).statusCode).toBe(401);
      for (let i = 0; i < 3; i++) expect((await loginThere("hagi@example.jp", "Spring2026!")).statusCode).toBe(401);
      expect((await loginThere("shunan@example.jp", DEMO_PASSWORD)).statusCode).toBe(429);
      expect((await login("shunan@example.jp", DEMO_PASSWORD, address)).statusCode).toBe(429);
    } finally {
      await other.close();
    }
  });
});

describe("administrators", () => {
  it("an org administrator cannot create another org administrator (invitation or promotion)", async () => {
    const abu = await env.as("abu@example.jp");
    const input = { email: "abu-admin2@example.jp", name: "阿武 二郎", role: "municipal", orgId: env.demo.orgs["阿武町"] };
    const refused = await abu.post("/api/users", { ...input, isOrgAdmin: true });
    expect(refused.status).toBe(403);
    expect(
      await env.database.db.selectFrom("users").select("id").where("email", "=", input.email).executeTakeFirst(),
    ).toBeUndefined();
    const invited = await abu.post("/api/users", input);
    expect(invited.status).toBe(201);
    expect((await abu.patch(`/api/users/${invited.body.id}`, { isOrgAdmin: true })).status).toBe(403);
    const admin = await env.as("admin@example.jp");
    const byAdmin = await admin.post("/api/users", { ...input, email: "abu-admin3@example.jp", isOrgAdmin: true });
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body.isOrgAdmin).toBe(true);
  });
});
