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

/** What every sign-in provider (OpenID Connect, SAML) is read into the same way, whatever its protocol (readProviders). */
export interface ProviderBase extends SsoMapping {
  /** Lower-case id used in URLs (/api/auth/oidc/<id>/start, /api/auth/saml/<id>/acs). */
  id: string;
  /** The sign-in button's text, e.g. 「県庁アカウントでログイン」. */
  label: string;
  /** Create an account on first sign-in (just in time); false: only people already registered may sign in. */
  createUsers: boolean;
  /** Allows an http:// issuer or entry point (a provider inside a closed network, or tests); never the default. */
  allowHttp: boolean;
}

/** An OpenID Connect provider, from OIDC_PROVIDERS and the OIDC_<ID>_* variables. */
export interface OidcProviderConfig extends ProviderBase {
  /** The issuer; its /.well-known/openid-configuration is read on first use. */
  issuer: string;
  clientId: string;
  /** Absent: a public client (PKCE only). */
  clientSecret?: string;
  scopes: string;
  /** `amr` values (any) or `acr` values that mean the provider did multi-factor authentication. */
  mfaAmr: string[];
  mfaAcr: string[];
}

export const list = (s: string | undefined) =>
  (s ?? "")
    .split(/[,\s]+/)
    .map((v) => v.trim())
    .filter(Boolean);

const orgCode = z.string().regex(/^\d{6}$/, "must be a 6-digit organisation code (全国地方公共団体コード)");
export const flag = (d: "true" | "false") =>
  z
    .enum(["true", "false"])
    .default(d)
    .transform((v) => v === "true");

/** A URL setting: "is required" when missing, "is not a URL" when it does not parse (e.g. no https://). */
export const urlSetting = (what: string) =>
  z.url({
    error: (issue) => (issue.input === undefined ? `is required: ${what}` : `is not a URL (expected https://…): ${what}`),
  });

const providerSchema = {
  ISSUER: urlSetting("the provider's issuer URL"),
  CLIENT_ID: z.string({ error: "is required: the client id registered at the provider" }).min(1),
  CLIENT_SECRET: z.string().min(1).optional(),
  SCOPES: z.string().min(1).default("openid email profile"),
  MFA_AMR: z.string().default("mfa"),
  MFA_ACR: z.string().optional(),
};

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

/** The variables every provider has besides the organisation attribute (its name differs by protocol). */
const commonShape = {
  LABEL: z.string().min(1).max(60).default("県庁アカウントでログイン"),
  RULES: z.string().optional(),
  DEFAULT_ORG: orgCode.optional(),
  DEFAULT_ROLE: z.enum(roles).default("municipal"),
  CREATE_USERS: flag("true"),
  ALLOW_HTTP: flag("false"),
};

/**
 * Reads the providers named in `<KIND>_PROVIDERS` (comma-separated ids), each from its `<KIND>_<ID>_*` variables:
 * the protocol's own ones (`shape`) and those every provider has — LABEL, the organisation attribute (`org`),
 * RULES, DEFAULT_ORG, DEFAULT_ROLE, CREATE_USERS, ALLOW_HTTP (which alone lets the `url` variable be http://).
 * `clash` names an id another setting already uses. `make` builds the provider and may report more problems
 * by variable. Every problem is reported, each naming its variable.
 */
export function readProviders<S extends z.ZodRawShape, P>(
  source: Record<string, string | undefined>,
  o: {
    kind: "OIDC" | "SAML";
    shape: S;
    org: "ORG_CLAIM" | "ORG_ATTRIBUTE";
    url: keyof S & string;
    clash?: (id: string) => string | undefined;
  },
  make: (base: ProviderBase, vars: z.output<z.ZodObject<S>>, problem: (key: keyof S & string, message: string) => void) => P,
): { providers: P[]; problems: string[] } {
  const { LABEL, ...mapping } = commonShape;
  const schema = z.object({ LABEL, ...o.shape, [o.org]: z.string().min(1).optional(), ...mapping });
  const providers: P[] = [];
  const problems: string[] = [];
  for (const id of list(source[`${o.kind}_PROVIDERS`])) {
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(id)) {
      problems.push(`${o.kind}_PROVIDERS: "${id}" must be lower-case letters, digits and hyphens`);
      continue;
    }
    const clash = o.clash?.(id);
    if (clash) problems.push(`${o.kind}_PROVIDERS: "${id}" ${clash}`);
    const prefix = `${o.kind}_${id.toUpperCase().replaceAll("-", "_")}_`;
    const vars: Record<string, string | undefined> = {};
    for (const key of Object.keys(schema.shape)) vars[key] = source[prefix + key] || undefined;
    const parsed = schema.safeParse(vars);
    if (!parsed.success) {
      for (const i of parsed.error.issues) problems.push(`${prefix}${i.path.join(".")}: ${i.message}`);
      continue;
    }
    const e = parsed.data as z.output<z.ZodObject<typeof commonShape>> & z.output<z.ZodObject<S>> & Record<string, unknown>;
    const { rules, problems: ruleProblems } = parseRules(e.RULES ?? "");
    problems.push(...ruleProblems.map((p) => `${prefix}RULES: ${p}`));
    if (String(e[o.url]).startsWith("http://") && !e.ALLOW_HTTP)
      problems.push(`${prefix}${o.url}: must be https:// (set ${prefix}ALLOW_HTTP=true only for a provider on a closed network)`);
    const base: ProviderBase = {
      id,
      label: e.LABEL,
      orgClaim: e[o.org] as string | undefined,
      rules,
      defaultOrg: e.DEFAULT_ORG,
      defaultRole: e.DEFAULT_ROLE,
      createUsers: e.CREATE_USERS,
      allowHttp: e.ALLOW_HTTP,
    };
    providers.push(make(base, e, (key, message) => problems.push(`${prefix}${key}: ${message}`)));
  }
  return { providers, problems };
}

/** The providers named in OIDC_PROVIDERS, each from its OIDC_<ID>_* variables. */
export const parseOidcProviders = (source: Record<string, string | undefined>) =>
  readProviders(
    source,
    { kind: "OIDC", shape: providerSchema, org: "ORG_CLAIM", url: "ISSUER" },
    (base, e): OidcProviderConfig => ({
      ...base,
      issuer: e.ISSUER,
      clientId: e.CLIENT_ID,
      clientSecret: e.CLIENT_SECRET,
      scopes: e.SCOPES,
      mfaAmr: list(e.MFA_AMR),
      mfaAcr: list(e.MFA_ACR),
    }),
  );
