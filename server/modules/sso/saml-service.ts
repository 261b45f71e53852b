import type { SamlProviderConfig } from "../../config-saml.js";
import { type Ctx, nowIso } from "../../platform/context.js";
import { notFound } from "../../platform/errors.js";
import type { SamlEndpoints } from "./saml-client.js";
import { insertSamlRequest, takeSamlRequest } from "./saml-repo.js";
import { claimString, completeSignIn, refuseSignIn, type SignInResult, safeReturnTo } from "./sign-in.js";

// The SAML library and its XML signature and encryption code (≈ 100 modules) load on the first SAML request, not at start.
const client = () => import("./saml-client.js");

function providerOf(ctx: Ctx, id: string): SamlProviderConfig {
  const p = ctx.config.samlProviders.find((x) => x.id === id);
  if (!p) throw notFound("ログイン方法");
  return p;
}

/** Identities and sessions of a SAML provider are kept under this key, apart from any OpenID Connect provider's. */
const keyOf = (p: SamlProviderConfig) => `saml:${p.id}`;

function endpointsOf(ctx: Ctx, p: SamlProviderConfig): SamlEndpoints {
  const base = `${ctx.config.publicUrl}/api/auth/saml/${p.id}`;
  return { entityId: p.spEntityId ?? `${base}/metadata`, acsUrl: `${base}/acs` };
}

/** Starts a sign-in at the identity provider: the AuthnRequest's ID is kept (with where to return) until its response. */
export async function startSamlSignIn(ctx: Ctx, providerId: string, returnTo: string | undefined): Promise<string> {
  const p = providerOf(ctx, providerId);
  const { authnRequestUrl, REQUEST_TTL_MS } = await client();
  return authnRequestUrl(p, ctx.config.samlSpKeys, endpointsOf(ctx, p), async (id) => {
    const now = new Date();
    await insertSamlRequest(ctx, {
      id,
      provider: p.id,
      return_to: safeReturnTo(returnTo),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + REQUEST_TTL_MS).toISOString(),
    });
  });
}

const attribute = (attrs: Record<string, unknown>, name: string) => {
  const v = attrs[name];
  return claimString(Array.isArray(v) ? v[0] : v);
};

const TRANSIENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";

/**
 * Finishes a sign-in at the Assertion Consumer Service: the response is checked (saml-client.ts), the
 * request it answers is taken once, then the account rules shared with OpenID Connect (sign-in.ts), with
 * the assertion's attributes (and groups) as the claims and its NameID as the subject (the e-mail address
 * when the NameID is transient).
 */
export async function finishSamlSignIn(ctx: Ctx, providerId: string, samlResponse: string | undefined): Promise<SignInResult> {
  const p = providerOf(ctx, providerId);
  if (!samlResponse) return refuseSignIn(ctx, keyOf(p), "failed", { error: "no SAMLResponse" });
  const { authnContextOf, checkResponse } = await client();
  let returnTo = "/";
  let profile: Awaited<ReturnType<typeof checkResponse>>;
  try {
    profile = await checkResponse(p, ctx.config.samlSpKeys, endpointsOf(ctx, p), samlResponse, async (id) => {
      const row = await takeSamlRequest(ctx, p.id, id);
      if (!row || row.expires_at < nowIso()) return null;
      returnTo = row.return_to;
      return row.created_at;
    });
  } catch (e) {
    return refuseSignIn(ctx, keyOf(p), "failed", { error: String((e as Error).message).slice(0, 200) });
  }
  const claims: Record<string, unknown> = { ...(profile.attributes as Record<string, unknown> | undefined) };
  const context = authnContextOf(profile);
  const email = (attribute(claims, p.emailAttribute) ?? claimString(profile.email))?.toLowerCase();
  // A transient NameID is new at every sign-in, so it cannot find the account again: the directory's address does.
  const transient = profile.nameIDFormat === TRANSIENT;
  if (transient && !email) return refuseSignIn(ctx, keyOf(p), "no_email", { sub: profile.nameID, nameIdFormat: "transient" });
  return completeSignIn(
    ctx,
    { ...p, key: keyOf(p) },
    {
      subject: transient ? `email:${email}` : profile.nameID,
      email,
      // The identity provider is the prefecture's directory: the addresses it asserts are its own.
      emailVerified: true,
      name: attribute(claims, p.nameAttribute),
      claims,
      idpMfa: !!context && p.mfaContexts.includes(context),
      idToken: null,
    },
    returnTo,
  );
}

/** The SP metadata for the identity provider to import. */
export async function samlMetadata(ctx: Ctx, providerId: string): Promise<string> {
  const p = providerOf(ctx, providerId);
  const { spMetadata } = await client();
  return spMetadata(p, ctx.config.samlSpKeys, endpointsOf(ctx, p));
}
