import type { SsoRefusal } from "../../../shared/api/sso.js";
import type { OidcProviderConfig } from "../../config-sso.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type SessionCookies, startSession } from "../../platform/auth/session.js";
import { newSecret, sha256 } from "../../platform/auth/tokens.js";
import { type Ctx, inTx, nowIso } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { findOrgByCode } from "../orgs/index.js";
import { findUser, findUserByEmail, insertNewUser, type UserWithOrg, updateUserRow } from "../users/index.js";
import { authorizationUrl, endSessionUrl, exchangeCode, newChecks } from "./client.js";
import { mapClaims, providerMfa } from "./mapping.js";
import { findIdentity, identityOfUser, insertIdentity, insertPendingLogin, takePendingLogin, touchIdentity } from "./repo.js";

/** How long a sign-in may stay at the provider before its state and nonce expire. */
const PENDING_MS = 10 * 60_000;

export const listProviders = (ctx: Ctx) => ({
  items: ctx.config.oidcProviders.map((p) => ({ id: p.id, label: p.label })),
});

function providerOf(ctx: Ctx, id: string): OidcProviderConfig {
  const p = ctx.config.oidcProviders.find((x) => x.id === id);
  if (!p) throw notFound("ログイン方法");
  return p;
}

export const callbackUrl = (ctx: Ctx, p: OidcProviderConfig) => `${ctx.config.publicUrl}/api/auth/oidc/${p.id}/callback`;

/** Only a path of this app, never an outside address or the sign-in pages themselves. */
const safeReturnTo = (v: string | undefined) =>
  v?.startsWith("/") && !v.startsWith("//") && !v.includes("\\") && !v.startsWith("/login") && !v.startsWith("/api") ? v : "/";

/**
 * Starts a sign-in at the provider: state, nonce and PKCE verifier are kept server-side under the
 * SHA-256 of a secret that only this browser holds (its cookie), so the callback is bound to the
 * browser that started it and can be used once.
 */
export async function startSignIn(ctx: Ctx, providerId: string, returnTo: string | undefined) {
  const p = providerOf(ctx, providerId);
  const checks = newChecks();
  const url = await authorizationUrl(p, callbackUrl(ctx, p), checks);
  const secret = newSecret();
  const now = new Date();
  await insertPendingLogin(ctx, {
    id: sha256(secret),
    provider: p.id,
    state: checks.state,
    nonce: checks.nonce,
    code_verifier: checks.codeVerifier,
    return_to: safeReturnTo(returnTo),
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + PENDING_MS).toISOString(),
  });
  return { redirectTo: url, pendingCookie: { value: secret, maxAgeSeconds: PENDING_MS / 1000 } };
}

export type SignInResult = { redirectTo: string; cookies: SessionCookies | null };

const refusedAt = (reason: SsoRefusal): SignInResult => ({ redirectTo: `/login?sso=${reason}`, cookies: null });

async function refuse(ctx: Ctx, p: string, reason: SsoRefusal, facts: Record<string, unknown> = {}): Promise<SignInResult> {
  await inTx(ctx, (tx) => recordAudit({ ...tx, actor: null }, "auth.ssoRefused", { type: "sso", id: p }, { reason, ...facts }));
  return refusedAt(reason);
}

const claimString = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);

/**
 * Finishes a sign-in: the pending sign-in is taken once, the code exchanged and the ID token checked
 * (openid-client), the claims mapped to organisation, role and org-admin flag, the account found (by the
 * provider's subject, else a pre-registered address), created just in time or brought in line with the
 * mapping, and a session started. Every refusal is audited and sends the browser to the sign-in page
 * with its reason; nothing else is written.
 */
export async function finishSignIn(
  ctx: Ctx,
  providerId: string,
  pendingSecret: string | undefined,
  requestPath: string,
): Promise<SignInResult> {
  const p = providerOf(ctx, providerId);
  const pending = pendingSecret ? await takePendingLogin(ctx, sha256(pendingSecret)) : undefined;
  if (!pending || pending.provider !== p.id || pending.expires_at < nowIso()) return refuse(ctx, p.id, "expired");

  let claims: Record<string, unknown> & { sub: string };
  let idToken: string;
  try {
    const checks = { state: pending.state, nonce: pending.nonce, codeVerifier: pending.code_verifier };
    ({ claims, idToken } = await exchangeCode(p, new URL(requestPath, ctx.config.publicUrl), callbackUrl(ctx, p), checks));
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return refuse(ctx, p.id, "failed", { error: `${err.code ?? "ERROR"}: ${String(err.message).slice(0, 200)}` });
  }
  const sub = claims.sub;
  const email = claimString(claims.email)?.toLowerCase();
  const facts = { sub, email: email ?? null };

  const mapped = mapClaims(p, claims);
  const org = mapped.orgCode ? await findOrgByCode(ctx, mapped.orgCode) : undefined;
  if (!org) return refuse(ctx, p.id, "no_org", { ...facts, orgCode: mapped.orgCode });

  const identity = await findIdentity(ctx, p.id, sub);
  let user: UserWithOrg | undefined = identity ? await findUser(ctx, identity.user_id) : undefined;
  if (!user && email) {
    user = await findUserByEmail(ctx, email);
    // A pre-registered address is linked only when the provider vouches for it and no other subject of this provider holds it.
    if (user && (claims.email_verified === false || (await identityOfUser(ctx, p.id, user.id))))
      return refuse(ctx, p.id, "conflict", facts);
  }
  if (user?.status === "disabled") return refuse(ctx, p.id, "disabled", facts);
  if (!user && !p.createUsers) return refuse(ctx, p.id, "not_registered", facts);
  if (!user && !email) return refuse(ctx, p.id, "no_email", facts);

  const idpMfa = providerMfa(p, claims);
  const now = nowIso();
  return inTx(ctx, async (tx) => {
    const wanted = { org_id: org.id, role: mapped.role, is_org_admin: mapped.orgAdmin ? 1 : 0 } as const;
    let userId: string;
    const changes: Record<string, unknown> = {};
    if (!user) {
      const name =
        claimString(claims.name) ?? ([claims.family_name, claims.given_name].map(claimString).join(" ").trim() || email!);
      userId = await insertNewUser(tx, { email: email!, name, role: wanted.role, orgId: org.id, isOrgAdmin: mapped.orgAdmin });
      await updateUserRow(tx, userId, { status: "active" });
      changes.created = { orgId: org.id, role: wanted.role, isOrgAdmin: mapped.orgAdmin };
    } else {
      userId = user.id;
      // The directory is the source of truth: organisation, role and org-admin flag follow it at every sign-in.
      for (const [k, v] of Object.entries(wanted)) {
        const before = user[k as keyof typeof wanted];
        if (before !== v) changes[k] = { before, after: v };
      }
      if (user.status === "invited") changes.status = { before: "invited", after: "active" };
      if (Object.keys(changes).length) await updateUserRow(tx, userId, { ...wanted, status: "active", updated_at: now });
    }
    if (identity) await touchIdentity(tx, p.id, sub, now);
    else await insertIdentity(tx, p.id, sub, userId, now);
    const totp = user?.totp_enabled === 1;
    // The provider's own multi-factor is trusted when its amr/acr says so; otherwise Renkei's code is asked for.
    const session = await startSession(tx, userId, idpMfa || !totp, { provider: p.id, idToken, idpMfa });
    await recordAudit(
      { ...tx, actor: null },
      "auth.ssoLogin",
      { type: "user", id: userId },
      { provider: p.id, sub, mfa: idpMfa, ...changes },
    );
    const next = idpMfa || !totp ? pending.return_to : "/login/two-factor";
    return { redirectTo: next, cookies: session.cookies };
  });
}

/** Where to send the browser so the provider signs out too (RP-initiated logout), when it supports it. */
export async function providerLogoutUrl(ctx: Ctx, providerId: string, idToken: string | null): Promise<string | undefined> {
  const p = ctx.config.oidcProviders.find((x) => x.id === providerId);
  if (!p) return undefined;
  try {
    return await endSessionUrl(p, idToken, `${ctx.config.publicUrl}/login`);
  } catch {
    return undefined; // the provider is unreachable: Renkei's session has ended anyway
  }
}
