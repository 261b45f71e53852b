import { z } from "zod";
import { type RoleName, roles } from "../shared/api/roles.js";

/** One rule of a provider's mapping: when a claim equals (or, for a list such as groups, contains) a value. */
export interface SsoRule {
  claim: string;
  value: string;
  org?: string;
  role?: RoleName;
  orgAdmin?: boolean;
}

/** How claims (OIDC), attributes and groups (LDAP, SAML) map to organisation, role and org-admin flag (modules/sso/mapping.ts). */
export interface SsoMapping {
  /** A claim or attribute holding the organisation's 全国地方公共団体コード (6 digits). */
  orgClaim?: string;
  /** Rules in order; a later match overrides an earlier one's organisation or role; orgAdmin when any match says so. */
  rules: SsoRule[];
  defaultOrg?: string;
  defaultRole: RoleName;
}

/** An OpenID Connect provider, from OIDC_PROVIDERS and the OIDC_<ID>_* variables. */
export interface OidcProviderConfig extends SsoMapping {
  /** Lower-case id used in URLs (/api/auth/oidc/<id>/start). */
  id: string;
  /** The sign-in button's text, e.g. 「県庁アカウントでログイン」. */
  label: string;
  /** The issuer; its /.well-known/openid-configuration is read on first use. */
  issuer: string;
  clientId: string;
  /** Absent: a public client (PKCE only). */
  clientSecret?: string;
  scopes: string;
  /** Create an account on first sign-in (just in time); false: only people already registered may sign in. */
  createUsers: boolean;
  /** `amr` values (any) or `acr` values that mean the provider did multi-factor authentication. */
  mfaAmr: string[];
  mfaAcr: string[];
  /** Allows an http:// issuer (a provider inside a closed network, or tests); never the default. */
  allowHttp: boolean;
}

export const list = (s: string | undefined) =>
  (s ?? "")
    .split(/[,\s]+/)
    .map((v) => v.trim())
    .filter(Boolean);

export const orgCode = z.string().regex(/^\d{6}$/, "must be a 6-digit organisation code (全国地方公共団体コード)");
export const flag = (d: "true" | "false") =>
  z
    .enum(["true", "false"])
    .default(d)
    .transform((v) => v === "true");

const providerSchema = z.object({
  LABEL: z.string().min(1).max(60).default("県庁アカウントでログイン"),
  ISSUER: z.url({ error: "is required: the provider's issuer URL" }),
  CLIENT_ID: z.string({ error: "is required: the client id registered at the provider" }).min(1),
  CLIENT_SECRET: z.string().min(1).optional(),
  SCOPES: z.string().min(1).default("openid email profile"),
  ORG_CLAIM: z.string().min(1).optional(),
  RULES: z.string().optional(),
  DEFAULT_ORG: orgCode.optional(),
  DEFAULT_ROLE: z.enum(roles).default("municipal"),
  CREATE_USERS: flag("true"),
  MFA_AMR: z.string().default("mfa"),
  MFA_ACR: z.string().optional(),
  ALLOW_HTTP: flag("false"),
});

/**
 * Parses `claim=value => org=350001, role=secretariat, orgAdmin; …` (rules separated by ";" or new lines).
 * Returns the rules, or the problems found, each naming the rule.
 */
export function parseRules(text: string): { rules: SsoRule[]; problems: string[] } {
  const rules: SsoRule[] = [];
  const problems: string[] = [];
  for (const raw of text.split(/[;\n]/).map((r) => r.trim())) {
    if (!raw) continue;
    const [when, then, ...rest] = raw.split("=>").map((p) => p.trim());
    const eq = when?.indexOf("=") ?? -1;
    if (!when || !then || rest.length || eq < 1) {
      problems.push(`rule "${raw}": expected "claim=value => org=CODE, role=ROLE, orgAdmin"`);
      continue;
    }
    const rule: SsoRule = { claim: when.slice(0, eq).trim(), value: when.slice(eq + 1).trim() };
    for (const part of then.split(",").map((p) => p.trim())) {
      const [key, value] = part.split("=").map((p) => p.trim());
      if (key === "orgAdmin" && value === undefined) rule.orgAdmin = true;
      else if (key === "org" && value && orgCode.safeParse(value).success) rule.org = value;
      else if (key === "role" && value && (roles as readonly string[]).includes(value)) rule.role = value as RoleName;
      else problems.push(`rule "${raw}": "${part}" is not org=<6 digits>, role=<${roles.join("|")}> or orgAdmin`);
    }
    rules.push(rule);
  }
  return { rules, problems };
}

/** The providers named in OIDC_PROVIDERS (comma-separated ids), each from its OIDC_<ID>_* variables. */
export function parseOidcProviders(source: Record<string, string | undefined>): {
  providers: OidcProviderConfig[];
  problems: string[];
} {
  const providers: OidcProviderConfig[] = [];
  const problems: string[] = [];
  for (const id of list(source.OIDC_PROVIDERS)) {
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(id)) {
      problems.push(`OIDC_PROVIDERS: "${id}" must be lower-case letters, digits and hyphens`);
      continue;
    }
    const prefix = `OIDC_${id.toUpperCase().replaceAll("-", "_")}_`;
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
    if (e.ISSUER.startsWith("http://") && !e.ALLOW_HTTP)
      problems.push(`${prefix}ISSUER: must be https:// (set ${prefix}ALLOW_HTTP=true only for a provider on a closed network)`);
    providers.push({
      id,
      label: e.LABEL,
      issuer: e.ISSUER,
      clientId: e.CLIENT_ID,
      clientSecret: e.CLIENT_SECRET,
      scopes: e.SCOPES,
      orgClaim: e.ORG_CLAIM,
      rules,
      defaultOrg: e.DEFAULT_ORG,
      defaultRole: e.DEFAULT_ROLE,
      createUsers: e.CREATE_USERS,
      mfaAmr: list(e.MFA_AMR),
      mfaAcr: list(e.MFA_ACR),
      allowHttp: e.ALLOW_HTTP,
    });
  }
  return { providers, problems };
}
