import { type CacheProvider, type Profile, SAML, ValidateInResponseTo } from "@node-saml/node-saml";
import { DOMParser } from "@xmldom/xmldom";
import type { SamlProviderConfig, SamlSpKeys } from "../../config-saml.js";

/**
 * The service provider's side of SAML 2.0, through @node-saml/node-saml: the AuthnRequest (HTTP-Redirect,
 * signed when this service has a key pair), the response's checks (signature of the response or the
 * assertion against the IdP's configured certificates, decryption, InResponseTo through the given store,
 * audience, NotBefore/NotOnOrAfter with a small clock skew), plus the checks node-saml leaves to its caller:
 * the assertion's Issuer, the Response's Destination and the confirmation's Recipient, and encryption when
 * required. The SP metadata for the IdP to import.
 */

/** How long a sign-in may stay at the identity provider before its request expires. */
export const REQUEST_TTL_MS = 10 * 60_000;
/** Clocks of the IdP and this service may differ by this much. */
const CLOCK_SKEW_MS = 60_000;

export interface SamlEndpoints {
  /** This service's entity id (the audience the assertion must name). */
  entityId: string;
  /** The Assertion Consumer Service (HTTP-POST), the response's Destination and Recipient. */
  acsUrl: string;
}

function samlOf(p: SamlProviderConfig, keys: SamlSpKeys | undefined, at: SamlEndpoints, store: CacheProvider) {
  return new SAML({
    entryPoint: p.entryPoint,
    issuer: at.entityId,
    audience: at.entityId,
    callbackUrl: at.acsUrl,
    idpCert: p.idpCerts,
    idpIssuer: p.idpIssuer,
    // Either the response or the assertion must carry a valid signature by the IdP's certificate.
    wantAssertionsSigned: false,
    wantAuthnResponseSigned: false,
    privateKey: keys?.privateKey,
    publicCert: keys?.certificate,
    // Encrypted assertions are read only when the provider is configured for them (metadata then publishes the key).
    decryptionPvk: p.encryptedAssertions ? keys?.privateKey : undefined,
    signatureAlgorithm: "sha256",
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: REQUEST_TTL_MS,
    cacheProvider: store,
  });
}

/** Where to send the browser: the IdP's sign-on URL with the AuthnRequest; `save` keeps its ID. */
export function authnRequestUrl(
  p: SamlProviderConfig,
  keys: SamlSpKeys | undefined,
  at: SamlEndpoints,
  save: (requestId: string, createdAt: string) => Promise<void>,
): Promise<string> {
  const store: CacheProvider = {
    saveAsync: async (key, value) => {
      await save(key, value);
      return { value, createdAt: Date.now() };
    },
    getAsync: async () => null,
    removeAsync: async (key) => key,
  };
  return samlOf(p, keys, at, store).getAuthorizeUrlAsync("", undefined, {});
}

const attr = (node: Element | null, name: string) => (node?.hasAttribute(name) ? node.getAttribute(name) : null);
const SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
const SAML_NS = "urn:oasis:names:tc:SAML:2.0:assertion";

type XmlJs = Record<string, { $?: Record<string, string>; _?: string }[] & XmlJs[]>;
const first = (o: unknown, ...path: string[]): Record<string, unknown> | undefined =>
  path.reduce<unknown>((cur, key) => (cur as Record<string, unknown[]> | undefined)?.[key]?.[0], o) as
    | Record<string, unknown>
    | undefined;

/**
 * Checks a POSTed SAMLResponse; throws with the reason when any check fails. `take` takes the stored
 * request named by InResponseTo once (null when there is none, it expired or it was used).
 */
export async function checkResponse(
  p: SamlProviderConfig,
  keys: SamlSpKeys | undefined,
  at: SamlEndpoints,
  samlResponse: string,
  take: (requestId: string) => Promise<string | null>,
): Promise<Profile> {
  const taken = new Map<string, string | null>();
  const store: CacheProvider = {
    saveAsync: async () => null,
    // node-saml asks for the Response's and the confirmation's InResponseTo: the row is taken on the first ask.
    getAsync: async (key) => {
      if (!taken.has(key)) taken.set(key, await take(key));
      return taken.get(key) ?? null;
    },
    removeAsync: async (key) => key,
  };
  const xml = Buffer.from(samlResponse, "base64").toString("utf8");
  const { profile } = await samlOf(p, keys, at, store).validatePostResponseAsync({ SAMLResponse: samlResponse });
  if (!profile) throw new Error("no assertion in the response");
  if (profile.issuer !== p.idpIssuer) throw new Error(`assertion issuer ${profile.issuer ?? "(none)"} is not ${p.idpIssuer}`);

  const root = new DOMParser().parseFromString(xml, "text/xml").documentElement;
  const destination = attr(root, "Destination");
  if (destination !== null && destination !== at.acsUrl)
    throw new Error(`response destination ${destination} is not ${at.acsUrl}`);
  if (p.encryptedAssertions) {
    const plain = root?.getElementsByTagNameNS(SAML_NS, "Assertion") ?? [];
    const encrypted = root?.getElementsByTagNameNS(SAML_NS, "EncryptedAssertion") ?? [];
    if (root?.namespaceURI !== SAMLP || encrypted.length !== 1 || plain.length !== 0)
      throw new Error("the assertion is not encrypted");
  }
  // Read from the signed (and decrypted) assertion node-saml accepted.
  const assertion = profile.getAssertion?.() as { Assertion?: XmlJs } | undefined;
  const confirmations = (first(assertion?.Assertion, "Subject")?.SubjectConfirmation ?? []) as XmlJs[];
  const recipients = confirmations.map((c) => first(c, "SubjectConfirmationData")?.$ as Record<string, string> | undefined);
  if (!recipients.some((r) => r?.Recipient === at.acsUrl)) throw new Error(`no subject confirmation for recipient ${at.acsUrl}`);
  return profile;
}

/** The AuthnContextClassRef of the assertion's AuthnStatement (how the IdP authenticated the person). */
export function authnContextOf(profile: Profile): string | undefined {
  const assertion = profile.getAssertion?.() as { Assertion?: XmlJs } | undefined;
  const ref = first(assertion?.Assertion, "AuthnStatement", "AuthnContext", "AuthnContextClassRef") as { _?: string } | undefined;
  return ref?._?.trim();
}

/** The SP metadata (XML) the IdP imports: entity id, ACS URL, signing and (when configured) encryption certificates. */
export function spMetadata(p: SamlProviderConfig, keys: SamlSpKeys | undefined, at: SamlEndpoints): string {
  const none: CacheProvider = { saveAsync: async () => null, getAsync: async () => null, removeAsync: async (k) => k };
  const cert = keys?.certificate ?? null;
  return samlOf(p, keys, at, none).generateServiceProviderMetadata(p.encryptedAssertions ? cert : null, cert);
}
