import fs from "node:fs";
import { z } from "zod";
import { flag, list, type ProviderBase, readProviders, urlSetting } from "./config-sso.js";

/** A SAML 2.0 identity provider, from SAML_PROVIDERS and the SAML_<ID>_* variables. */
export interface SamlProviderConfig extends ProviderBase {
  /** The IdP's single sign-on URL (HTTP-Redirect binding). */
  entryPoint: string;
  /** The IdP's entity id: the assertion's Issuer must be this. */
  idpIssuer: string;
  /** The IdP's signing certificates (PEM or bare base64 as in its metadata); a new one can be added before a rollover. */
  idpCerts: string[];
  /** This service's entity id at the IdP; default: the metadata URL. */
  spEntityId?: string;
  emailAttribute: string;
  nameAttribute: string;
  /** AuthnContextClassRef values that mean the IdP did multi-factor authentication. */
  mfaContexts: string[];
  /** Assertions must come encrypted to this service's key (SAML_SP_KEY / SAML_SP_CERT). */
  encryptedAssertions: boolean;
}

/** This service's key pair as a SAML service provider: signs AuthnRequests, decrypts encrypted assertions. */
export interface SamlSpKeys {
  privateKey: string;
  certificate: string;
}

const providerSchema = {
  ENTRY_POINT: urlSetting("the identity provider's single sign-on URL"),
  IDP_ISSUER: z.string({ error: "is required: the identity provider's entity id" }).min(1),
  IDP_CERT: z.string({ error: "is required: the identity provider's signing certificate (PEM or base64)" }).min(1),
  SP_ENTITY_ID: z.string().min(1).optional(),
  EMAIL_ATTRIBUTE: z.string().min(1).default("email"),
  NAME_ATTRIBUTE: z.string().min(1).default("displayName"),
  MFA_CONTEXTS: z.string().optional(),
  ENCRYPTED_ASSERTIONS: flag("false"),
};

/** A PEM given inline (new lines may be written as \n) or as the path of a file holding it. */
function pem(value: string): string {
  const inline = value.replaceAll("\\n", "\n").trim();
  if (inline.startsWith("-----BEGIN")) return `${inline}\n`;
  return fs.readFileSync(value, "utf8");
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * One or more certificates: PEM blocks inline (new lines may be written as \n), a file holding them,
 * or bare base64 values (as in the IdP's metadata) separated by commas.
 */
function certificates(value: string): string[] {
  const text = value.startsWith("/") || value.startsWith(".") ? fs.readFileSync(value, "utf8") : value.replaceAll("\\n", "\n");
  const found = text.includes("-----BEGIN")
    ? (text.match(PEM_CERT) ?? [])
    : text
        .split(",")
        .map((c) => c.replace(/\s+/g, ""))
        .filter(Boolean);
  if (!found.length || found.some((c) => !c.startsWith("-----BEGIN") && !/^[A-Za-z0-9+/]+=*$/.test(c)))
    throw new Error("must be PEM certificates, base64 certificates separated by commas, or the path of a PEM file");
  return found;
}

/** The identity providers named in SAML_PROVIDERS, and this service's key pair (SAML_SP_KEY, SAML_SP_CERT). */
export function parseSamlProviders(source: Record<string, string | undefined>): {
  providers: SamlProviderConfig[];
  spKeys?: SamlSpKeys;
  problems: string[];
} {
  const problems: string[] = [];
  let spKeys: SamlSpKeys | undefined;
  if (source.SAML_SP_KEY || source.SAML_SP_CERT) {
    try {
      if (!source.SAML_SP_KEY || !source.SAML_SP_CERT) throw new Error("set both SAML_SP_KEY and SAML_SP_CERT, or neither");
      spKeys = { privateKey: pem(source.SAML_SP_KEY), certificate: pem(source.SAML_SP_CERT) };
    } catch (e) {
      problems.push(`SAML_SP_KEY / SAML_SP_CERT: ${(e as Error).message}`);
    }
  }
  const oidc = new Set(list(source.OIDC_PROVIDERS));
  const read = readProviders(
    source,
    {
      kind: "SAML",
      shape: providerSchema,
      org: "ORG_ATTRIBUTE",
      url: "ENTRY_POINT",
      clash: (id) => (oidc.has(id) ? "is also an OpenID Connect provider; give each sign-in its own id" : undefined),
    },
    (base, e, problem): SamlProviderConfig => {
      if (e.ENCRYPTED_ASSERTIONS && !spKeys)
        problem("ENCRYPTED_ASSERTIONS", "needs this service's key pair in SAML_SP_KEY and SAML_SP_CERT");
      let idpCerts: string[] = [];
      try {
        idpCerts = certificates(e.IDP_CERT);
      } catch (err) {
        problem("IDP_CERT", (err as Error).message);
      }
      return {
        ...base,
        entryPoint: e.ENTRY_POINT,
        idpIssuer: e.IDP_ISSUER,
        idpCerts,
        spEntityId: e.SP_ENTITY_ID,
        emailAttribute: e.EMAIL_ATTRIBUTE,
        nameAttribute: e.NAME_ATTRIBUTE,
        mfaContexts: list(e.MFA_CONTEXTS),
        encryptedAssertions: e.ENCRYPTED_ASSERTIONS,
      };
    },
  );
  return { providers: read.providers, spKeys, problems: [...problems, ...read.problems] };
}
