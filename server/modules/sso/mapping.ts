import type { RoleName } from "../../../shared/api/roles.js";
import type { OidcProviderConfig, SsoMapping } from "../../config-sso.js";

export interface Mapped {
  /** The organisation's code, or null when the claims name none (the sign-in is refused). */
  orgCode: string | null;
  role: RoleName;
  orgAdmin: boolean;
}

const matches = (claim: unknown, value: string) =>
  Array.isArray(claim)
    ? claim.some((v) => String(v) === value)
    : claim !== undefined && claim !== null && String(claim) === value;

/**
 * Maps a provider's claims (or a directory entry's attributes and groups) to organisation, role and
 * org-admin flag: rules in order (a later match's organisation or role overrides an earlier one's;
 * org-admin when any match says so), then the organisation claim, then the defaults. The one mapping
 * of OpenID Connect sign-in and directory sync.
 */
export function mapClaims(p: SsoMapping, claims: Record<string, unknown>): Mapped {
  let org: string | undefined;
  let role: RoleName | undefined;
  let orgAdmin = false;
  for (const r of p.rules) {
    if (!matches(claims[r.claim], r.value)) continue;
    org = r.org ?? org;
    role = r.role ?? role;
    orgAdmin ||= !!r.orgAdmin;
  }
  const fromClaim = p.orgClaim ? claims[p.orgClaim] : undefined;
  const claimed = typeof fromClaim === "string" || typeof fromClaim === "number" ? String(fromClaim) : undefined;
  return { orgCode: org ?? claimed ?? p.defaultOrg ?? null, role: role ?? p.defaultRole, orgAdmin };
}

/** The provider did multi-factor authentication, by its `amr` or `acr` claim and the values trusted for it. */
export function providerMfa(p: OidcProviderConfig, claims: Record<string, unknown>): boolean {
  const amr = Array.isArray(claims.amr) ? claims.amr.map(String) : [];
  const acr = typeof claims.acr === "string" ? claims.acr : undefined;
  return amr.some((v) => p.mfaAmr.includes(v)) || (!!acr && p.mfaAcr.includes(acr));
}
