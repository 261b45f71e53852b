import type { FastifyReply, FastifyRequest } from "fastify";
import { sql } from "kysely";
import type { Config } from "../../config.js";
import { type Actor, type Ctx, nowIso } from "../context.js";
import type { Database } from "../db/database.js";
import { preparedQuery } from "../db/prepared.js";
import type { Flag } from "../db/schema.js";
import { parseVersions } from "../db/versioned-cache.js";
import { newSecret, sha256 } from "./tokens.js";

export const SESSION_COOKIE = "renkei_session";
const CSRF_COOKIE = "renkei_csrf";

export interface SessionInfo {
  id: string;
  csrfToken: string;
  mfaPassed: boolean;
  userId: string;
  /** The user and their organisation as read with the session at the start of this request (GET /api/me answers from it). */
  user?: SessionUser;
}

/** What /api/me shows of the user, read in the session's own statement. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Actor["role"];
  is_org_admin: Flag;
  locale: "ja" | "en";
  totp_enabled: Flag;
  org_id: string;
  org_name: string;
  org_kind: Actor["orgKind"];
}

/** The cookies a new session needs; the route sets them (setSessionCookies), services never see the reply. */
export interface SessionCookies {
  token: string;
  csrf: string;
  expires: Date;
}

/** A session signed in through a provider: which one, its ID token (the logout hint), and whether its MFA is trusted. */
export interface SsoSession {
  provider: string;
  idToken: string | null;
  idpMfa: boolean;
}

/** Creates a server-side session. Returns it with the cookies to set; the CSRF token is echoed by the client in `x-csrf-token`. */
export async function startSession(
  ctx: Ctx,
  userId: string,
  mfaPassed: boolean,
  sso?: SsoSession,
): Promise<SessionInfo & { cookies: SessionCookies }> {
  const token = newSecret();
  const csrfToken = newSecret();
  const now = new Date();
  const expires = new Date(now.getTime() + ctx.config.sessionDays * 86400_000);
  const id = sha256(token);
  await ctx.db
    .insertInto("sessions")
    .values({
      id,
      user_id: userId,
      csrf_token: csrfToken,
      mfa_passed: mfaPassed ? 1 : 0,
      ip: ctx.ip,
      user_agent: ctx.userAgent,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expires.toISOString(),
      sso_provider: sso?.provider ?? null,
      sso_id_token: sso?.idToken ?? null,
      idp_mfa: sso?.idpMfa ? 1 : 0,
    })
    .execute();
  await ctx.db.updateTable("users").set({ last_seen_at: now.toISOString() }).where("id", "=", userId).execute();
  return { id, csrfToken, mfaPassed, userId, cookies: { token, csrf: csrfToken, expires } };
}

/** Sets a new session's cookies, or clears them (null: signed out). */
export function setSessionCookies(reply: FastifyReply, config: Config, cookies: SessionCookies | null) {
  if (!cookies) {
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    reply.clearCookie(CSRF_COOKIE, { path: "/" });
    return;
  }
  const secure = config.publicUrl.startsWith("https://");
  const { token, csrf, expires } = cookies;
  reply.setCookie(SESSION_COOKIE, token, { path: "/", httpOnly: true, sameSite: "lax", secure, expires });
  // Readable by the page so it can echo it in x-csrf-token (double submit, checked against the session row).
  reply.setCookie(CSRF_COOKIE, csrf, { path: "/", httpOnly: false, sameSite: "lax", secure, expires });
}

/**
 * The session with its user and, in the same statement, every cache counter (see
 * platform/db/versioned-cache.ts), so a signed-in read needs no separate query for them.
 */
const sessionQuery = preparedQuery<{ id: string }, SessionRow>((db, p, engine) =>
  db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .innerJoin("orgs", "orgs.id", "users.org_id")
    .select([
      "sessions.id",
      "sessions.csrf_token",
      "sessions.mfa_passed",
      "sessions.expires_at",
      "sessions.last_seen_at",
      "users.id as user_id",
      "users.org_id",
      "users.role",
      "users.is_org_admin",
      "users.email",
      "users.name",
      "users.status",
      "users.totp_enabled",
      "users.locale",
      "sessions.idp_mfa",
      "orgs.kind as org_kind",
      "orgs.name as org_name",
    ])
    .select(
      engine === "postgres"
        ? sql<string>`(select string_agg(key || ':' || version, ',') from cache_versions)`.as("versions")
        : sql<string>`(select group_concat(key || ':' || version, ',') from cache_versions)`.as("versions"),
    )
    .where("sessions.id", "=", p.id),
);

interface SessionRow extends Omit<SessionUser, "id"> {
  id: string;
  csrf_token: string;
  mfa_passed: number;
  expires_at: string;
  last_seen_at: string;
  user_id: string;
  status: string;
  idp_mfa: number;
  versions: string | null;
}

const VERIFY = process.env.NODE_ENV === "test";
const MAX_REMEMBERED = 2000;
const remembered = new WeakMap<Database, Map<string, { mark: string; row: SessionRow }>>();
let fromMemory = 0;
/** How many sessions this process has answered from memory (for tests: under test each is also read afresh). */
export const sessionsFromMemory = () => fromMemory;

/**
 * The session's row. The rows read are kept, each with the database's change mark at the time
 * (Database.changeMark): while nothing the statement reads has been written since, by this process or any
 * other, the row (and the counters in it) is what the statement would return, so a request that only reads
 * (GET, HEAD) does not run it again. Any such write (a sign-out, a disabled account, a touch of
 * last_seen_at, a meeting saved) changes the mark and the next request reads afresh. The mark is taken
 * before the statement, so a row newer than its mark costs one more read, never a stale one.
 * On PostgreSQL a commit on another instance changes the mark when its notification arrives, about a
 * millisecond later; a request that changes something (and so passes its CSRF check against this row)
 * always reads the row, and so does every request while the listener is not listening (no mark).
 */
async function sessionRow(database: Database, id: string, reads: boolean): Promise<SessionRow | undefined> {
  const mark = database.changeMark?.();
  if (mark === undefined) return (await sessionQuery(database.db, database.engine, { id }))[0];
  let rows = remembered.get(database);
  if (!rows) {
    rows = new Map();
    remembered.set(database, rows);
  }
  const kept = rows.get(id);
  if (reads && kept?.mark === mark) {
    fromMemory++;
    return VERIFY ? verified(database, id, kept) : kept.row;
  }
  const [row] = await sessionQuery(database.db, database.engine, { id });
  rows.delete(id);
  if (row) {
    if (rows.size >= MAX_REMEMBERED) rows.delete(rows.keys().next().value!);
    rows.set(id, { mark, row });
  }
  return row;
}

/**
 * Under test a kept row is read afresh and compared. A difference while the mark stays unchanged is a write
 * that escaped the mark, and fails loudly; the mark is first given a second to move, since a commit made
 * elsewhere (a test's own handle) counts when its notification arrives (PostgreSQL) or from the event
 * loop's next turn (SQLite). Then the fresh row is used, so a test that writes through another handle
 * reads its write at once.
 */
async function verified(
  database: Database,
  id: string,
  kept: { mark: string; row: SessionRow },
): Promise<SessionRow | undefined> {
  const [fresh] = await sessionQuery(database.db, database.engine, { id });
  if (JSON.stringify(fresh) === JSON.stringify(kept.row)) return kept.row;
  const until = Date.now() + 1000;
  while (database.changeMark?.() === kept.mark && Date.now() < until) await new Promise((r) => setTimeout(r, 2));
  if (database.changeMark?.() === kept.mark)
    throw new Error("a session row kept at an unchanged change mark differs from the database: a write escaped the mark");
  return fresh;
}

/**
 * Looks up the session of a request; returns the actor when the session is valid and fully signed
 * in, and the cache counters as they were when the session was read.
 */
export async function readSession(
  database: Database,
  request: FastifyRequest,
): Promise<{ session: SessionInfo; actor: Actor | null; versions: ReadonlyMap<string, number> } | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const db = database.db;
  const row = await sessionRow(database, sha256(token), request.method === "GET" || request.method === "HEAD");
  const now = nowIso();
  if (!row || row.expires_at < now || row.status !== "active") return null;
  // Touch at most once a minute so reads stay reads.
  if (Date.parse(now) - Date.parse(row.last_seen_at) > 60_000) {
    await db.updateTable("sessions").set({ last_seen_at: now }).where("id", "=", row.id).execute();
    await db.updateTable("users").set({ last_seen_at: now }).where("id", "=", row.user_id).execute();
  }
  const user: SessionUser = {
    id: row.user_id,
    email: row.email,
    name: row.name,
    role: row.role,
    is_org_admin: row.is_org_admin,
    locale: row.locale,
    totp_enabled: row.totp_enabled,
    org_id: row.org_id,
    org_name: row.org_name,
    org_kind: row.org_kind,
  };
  const session = { id: row.id, csrfToken: row.csrf_token, mfaPassed: row.mfa_passed === 1, userId: row.user_id, user };
  const actor: Actor | null = session.mfaPassed
    ? {
        userId: row.user_id,
        orgId: row.org_id,
        orgKind: row.org_kind,
        role: row.role,
        isOrgAdmin: row.is_org_admin === 1,
        email: row.email,
        name: row.name,
        // The provider's own multi-factor, when trusted, stands for Renkei's (no enrolment asked).
        twoFactorEnabled: row.totp_enabled === 1 || row.idp_mfa === 1,
      }
    : null;
  return { session, actor, versions: parseVersions(row.versions) };
}

/** The session passed its second factor. */
export async function markSessionMfaPassed(ctx: Ctx, sessionId: string): Promise<void> {
  await ctx.db.updateTable("sessions").set({ mfa_passed: 1 }).where("id", "=", sessionId).execute();
}

/** Ends one session (sign-out). */
export async function endSession(ctx: Ctx, sessionId: string): Promise<void> {
  await ctx.db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

/** Ends every session of the user but the one given (a password change keeps the session that made it). */
export async function endOtherSessions(ctx: Ctx, userId: string, keepSessionId: string): Promise<void> {
  await ctx.db.deleteFrom("sessions").where("user_id", "=", userId).where("id", "!=", keepSessionId).execute();
}

/** What signing out of a provider needs: the provider and the ID token of the session's sign-in. */
export async function sessionSso(ctx: Ctx, sessionId: string) {
  return ctx.db.selectFrom("sessions").select(["sso_provider", "sso_id_token"]).where("id", "=", sessionId).executeTakeFirst();
}
