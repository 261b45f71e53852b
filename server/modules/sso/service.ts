import type { OidcProviderConfig } from "../../config-sso.js";
import { newSecret, sha256 } from "../../platform/auth/tokens.js";
import { type Ctx, nowIso } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import { authorizationUrl, endSessionUrl, exchangeCode, newChecks } from "./client.js";
import { providerMfa } from "./mapping.js";
import { insertPendingLogin, takePendingLogin } from "./repo.js";
import { claimString, completeSignIn, refuseSignIn, type SignInResult, safeReturnTo } from "./sign-in.js";

/** How long a sign-in may stay at the provider before its state and nonce expire. */
const PENDING_MS = 10 * 60_000;

/** The sign-in page's buttons: every OpenID Connect provider, then every SAML identity provider. */
export const listProviders = (ctx: Ctx) => ({
  items: [
    ...ctx.config.oidcProviders.map((p) => ({ id: p.id, label: p.label, startUrl: `/api/auth/oidc/${p.id}/start` })),
    ...ctx.config.samlProviders.map((p) => ({ id: p.id, label: p.label, startUrl: `/api/auth/saml/${p.id}/start` })),
  ],
});

function providerOf(ctx: Ctx, id: string): OidcProviderConfig {
  const p = ctx.config.oidcProviders.find((x) => x.id === id);
  if (!p) throw notFound("ログイン方法");
  return p;
}

const callbackUrl = (ctx: Ctx, p: OidcProviderConfig) => `${ctx.config.publicUrl}/api/auth/oidc/${p.id}/callback`;

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

/**
 * Finishes a sign-in: the pending sign-in is taken once, the code exchanged and the ID token checked
 * (openid-client), then the account rules shared with SAML (sign-in.ts). Every refusal is audited and
 * sends the browser to the sign-in page with its reason; nothing else is written.
 */
export async function finishSignIn(
  ctx: Ctx,
  providerId: string,
  pendingSecret: string | undefined,
  requestPath: string,
): Promise<SignInResult> {
  const p = providerOf(ctx, providerId);
  const pending = pendingSecret ? await takePendingLogin(ctx, sha256(pendingSecret)) : undefined;
  if (!pending || pending.provider !== p.id || pending.expires_at < nowIso()) return refuseSignIn(ctx, p.id, "expired");

  let claims: Record<string, unknown> & { sub: string };
  let idToken: string;
  try {
    const checks = { state: pending.state, nonce: pending.nonce, codeVerifier: pending.code_verifier };
    ({ claims, idToken } = await exchangeCode(p, new URL(requestPath, ctx.config.publicUrl), callbackUrl(ctx, p), checks));
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return refuseSignIn(ctx, p.id, "failed", { error: `${err.code ?? "ERROR"}: ${String(err.message).slice(0, 200)}` });
  }
  const email = claimString(claims.email)?.toLowerCase();
  const name =
    claimString(claims.name) ?? ([claims.family_name, claims.given_name].map(claimString).join(" ").trim() || undefined);
  return completeSignIn(
    ctx,
    { ...p, key: p.id },
    {
      subject: claims.sub,
      email,
      emailVerified: claims.email_verified !== false,
      name,
      claims,
      idpMfa: providerMfa(p, claims),
      idToken,
    },
    pending.return_to,
  );
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
