import fs from "node:fs";
import { z } from "zod";
import { roles } from "../shared/api/roles.js";
import { flag, list, orgCode, parseRules, type SsoMapping } from "./config-sso.js";

/** A SAML 2.0 identity provider, from SAML_PROVIDERS and the SAML_<ID>_* variables. */
export interface SamlProviderConfig extends SsoMapping {
  /** Lower-case id used in URLs (/api/auth/saml/<id>/start, /acs, /metadata). */
  id: string;
  label: string;
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
  createUsers: boolean;
  /** AuthnContextClassRef values that mean the IdP did multi-factor authentication. */
  mfaContexts: string[];
  /** Assertions must come encrypted to this service's key (SAML_SP_KEY / SAML_SP_CERT). */
  encryptedAssertions: boolean;
  allowHttp: boolean;
}

/** This service's key pair as a SAML service provider: signs AuthnRequests, decrypts encrypted assertions. */
export interface SamlSpKeys {
  privateKey: string;
  certificate: string;
}

const providerSchema = z.object({
  LABEL: z.string().min(1).max(60).default("県庁アカウントでログイン"),
  ENTRY_POINT: z.url({ error: "is required: the identity provider's single sign-on URL" }),
  IDP_ISSUER: z.string({ error: "is required: the identity provider's entity id" }).min(1),
  IDP_CERT: z.string({ error: "is required: the identity provider's signing certificate (PEM or base64)" }).min(1),
  SP_ENTITY_ID: z.string().min(1).optional(),
  EMAIL_ATTRIBUTE: z.string().min(1).default("email"),
  NAME_ATTRIBUTE: z.string().min(1).default("displayName"),
  ORG_ATTRIBUTE: z.string().min(1).optional(),
  RULES: z.string().optional(),
  DEFAULT_ORG: orgCode.optional(),
  DEFAULT_ROLE: z.enum(roles).default("municipal"),
  CREATE_USERS: flag("true"),
  MFA_CONTEXTS: z.string().optional(),
  ENCRYPTED_ASSERTIONS: flag("false"),
  ALLOW_HTTP: flag("false"),
});

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
  const providers: SamlProviderConfig[] = [];
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
  for (const id of list(source.SAML_PROVIDERS)) {
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(id)) {
      problems.push(`SAML_PROVIDERS: "${id}" must be lower-case letters, digits and hyphens`);
      continue;
    }
    if (oidc.has(id)) problems.push(`SAML_PROVIDERS: "${id}" is also an OpenID Connect provider; give each sign-in its own id`);
    const prefix = `SAML_${id.toUpperCase().replaceAll("-", "_")}_`;
    const vars: Record<string, string | undefined> = {};
    for (const key of Object.keys(providerSchema.shape)) vars[key] = source[prefix + key] || undefined;
    const parsed = providerSchema.safeParse(vars);
    if (!parsed.success) {
      for (const i of parsed.error.issues) problems.push(`${prefix}${i.path.join(".")}: ${i.message}`);
      continue;
    }
    const e = parsed.data;
    const { rules, problems: ruleProblems } = parseRules(e.RULES ?? "");
    problems.push(...ruleProblems.map((p) => `${prefix}RULES: ${p}`));
    if (e.ENTRY_POINT.startsWith("http://") && !e.ALLOW_HTTP)
      problems.push(
        `${prefix}ENTRY_POINT: must be https:// (set ${prefix}ALLOW_HTTP=true only for a provider on a closed network)`,
      );
    if (e.ENCRYPTED_ASSERTIONS && !spKeys)
      problems.push(`${prefix}ENCRYPTED_ASSERTIONS: needs this service's key pair in SAML_SP_KEY and SAML_SP_CERT`);
    let idpCerts: string[] = [];
    try {
      idpCerts = certificates(e.IDP_CERT);
    } catch (err) {
      problems.push(`${prefix}IDP_CERT: ${(err as Error).message}`);
    }
    providers.push({
      id,
      label: e.LABEL,
      entryPoint: e.ENTRY_POINT,
      idpIssuer: e.IDP_ISSUER,
      idpCerts,
      spEntityId: e.SP_ENTITY_ID,
      emailAttribute: e.EMAIL_ATTRIBUTE,
      nameAttribute: e.NAME_ATTRIBUTE,
      orgClaim: e.ORG_ATTRIBUTE,
      rules,
      defaultOrg: e.DEFAULT_ORG,
      defaultRole: e.DEFAULT_ROLE,
      createUsers: e.CREATE_USERS,
      mfaContexts: list(e.MFA_CONTEXTS),
      encryptedAssertions: e.ENCRYPTED_ASSERTIONS,
      allowHttp: e.ALLOW_HTTP,
    });
  }
  return { providers, spKeys, problems };
}
