import * as oidc from "openid-client";
import type { OidcProviderConfig } from "../../config-sso.js";

/**
 * The relying party's side of OpenID Connect, through openid-client: discovery (read once per provider,
 * read again after a failure), the authorisation URL with PKCE, state and nonce, and the code exchange,
 * which checks the ID token's signature (against the provider's published keys), issuer, audience,
 * nonce and times.
 */
const configurations = new Map<string, Promise<oidc.Configuration>>();

function providerConfiguration(p: OidcProviderConfig): Promise<oidc.Configuration> {
  const key = `${p.id}|${p.issuer}|${p.clientId}`;
  let found = configurations.get(key);
  if (!found) {
    const auth = p.clientSecret ? oidc.ClientSecretBasic(p.clientSecret) : oidc.None();
    // Code-flow ID tokens are signature-checked too (non-repudiation), not only trusted for arriving over TLS.
    const execute = [...(p.allowHttp ? [oidc.allowInsecureRequests] : []), oidc.enableNonRepudiationChecks];
    found = oidc.discovery(new URL(p.issuer), p.clientId, undefined, auth, { execute, timeout: 10 });
    found.catch(() => configurations.delete(key));
    configurations.set(key, found);
  }
  return found;
}

export interface PendingChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export function newChecks(): PendingChecks {
  return { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
}

export async function authorizationUrl(p: OidcProviderConfig, redirectUri: string, checks: PendingChecks): Promise<string> {
  const c = await providerConfiguration(p);
  return oidc
    .buildAuthorizationUrl(c, {
      redirect_uri: redirectUri,
      scope: p.scopes,
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: "S256",
    })
    .toString();
}

/** Exchanges the code; throws when any check fails. Answers the ID token, its claims. */
export async function exchangeCode(p: OidcProviderConfig, callbackUrl: URL, redirectUri: string, checks: PendingChecks) {
  const c = await providerConfiguration(p);
  const tokens = await oidc.authorizationCodeGrant(
    c,
    callbackUrl,
    { pkceCodeVerifier: checks.codeVerifier, expectedState: checks.state, expectedNonce: checks.nonce, idTokenExpected: true },
    { redirect_uri: redirectUri },
  );
  const claims = tokens.claims();
  if (!claims || !tokens.id_token) throw new Error("no ID token");
  return { idToken: tokens.id_token, claims: claims as Record<string, unknown> & { sub: string } };
}

/** The provider's RP-initiated logout URL, or undefined when it publishes no end_session_endpoint. */
export async function endSessionUrl(p: OidcProviderConfig, idToken: string | null, postLogoutRedirectUri: string) {
  const c = await providerConfiguration(p);
  if (!c.serverMetadata().end_session_endpoint) return undefined;
  return oidc
    .buildEndSessionUrl(c, {
      post_logout_redirect_uri: postLogoutRedirectUri,
      ...(idToken ? { id_token_hint: idToken } : {}),
    })
    .toString();
}
