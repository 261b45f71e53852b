import type { SsoRefusal } from "../../../shared/api/sso.js";
import type { SsoMapping } from "../../config-sso.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type SessionCookies, startSession } from "../../platform/auth/session.js";
import { type Ctx, inTx, nowIso } from "../../platform/context.js";
import { findOrgByCode } from "../orgs/index.js";
import { findUser, findUserByEmail, insertNewUser, type UserWithOrg, updateUserRow } from "../users/index.js";
import { mapClaims } from "./mapping.js";
import { findIdentity, identityOfUser, insertIdentity, touchIdentity } from "./repo.js";

/** A sign-in provider as the account rules see it, whatever its protocol (OpenID Connect or SAML 2.0). */
export interface SignInProvider extends SsoMapping {
  /** The key of its identities and sessions: the OIDC provider's id, or `saml:<id>`. */
  key: string;
  /** Create an account on first sign-in (just in time); false: only people already registered may sign in. */
  createUsers: boolean;
}

/** What the provider vouched for about the person, after the protocol's own checks (signature, audience, times …) passed. */
export interface ProviderIdentity {
  /** The provider's stable identifier of the person (OIDC `sub`, SAML NameID). */
  subject: string;
  /** Lower-cased. */
  email?: string;
  /** False only when the provider says the address is not verified. */
  emailVerified: boolean;
  name?: string;
  /** Claims, or attributes and groups, for the mapping to organisation, role and org-admin flag. */
  claims: Record<string, unknown>;
  /** The provider did multi-factor authentication (OIDC amr/acr, SAML AuthnContextClassRef). */
  idpMfa: boolean;
  /** Kept with the session for the provider's logout (OIDC). */
  idToken: string | null;
}

export type SignInResult = { redirectTo: string; cookies: SessionCookies | null };

/** Audits a refused sign-in and sends the browser to the sign-in page with its reason; nothing else is written. */
export async function refuseSignIn(
  ctx: Ctx,
  providerKey: string,
  reason: SsoRefusal,
  facts: Record<string, unknown> = {},
): Promise<SignInResult> {
  await inTx(ctx, (tx) =>
    recordAudit({ ...tx, actor: null }, "auth.ssoRefused", { type: "sso", id: providerKey }, { reason, ...facts }),
  );
  return { redirectTo: `/login?sso=${reason}`, cookies: null };
}

/**
 * The account side of every single sign-on, OpenID Connect and SAML alike: the claims mapped to
 * organisation, role and org-admin flag, the account found (by the provider's subject, else a
 * pre-registered address), created just in time or brought in line with the mapping, and a session
 * started. Every refusal is audited and sends the browser to the sign-in page with its reason.
 */
export async function completeSignIn(
  ctx: Ctx,
  p: SignInProvider,
  who: ProviderIdentity,
  returnTo: string,
): Promise<SignInResult> {
  const { subject: sub, email } = who;
  const facts = { sub, email: email ?? null };
  const mapped = mapClaims(p, who.claims);
  const org = mapped.orgCode ? await findOrgByCode(ctx, mapped.orgCode) : undefined;
  if (!org) return refuseSignIn(ctx, p.key, "no_org", { ...facts, orgCode: mapped.orgCode });

  const identity = await findIdentity(ctx, p.key, sub);
  let user: UserWithOrg | undefined = identity ? await findUser(ctx, identity.user_id) : undefined;
  if (!user && email) {
    user = await findUserByEmail(ctx, email);
    // A pre-registered address is linked only when the provider vouches for it and no other subject of this provider holds it.
    if (user && (!who.emailVerified || (await identityOfUser(ctx, p.key, user.id))))
      return refuseSignIn(ctx, p.key, "conflict", facts);
  }
  if (user?.status === "disabled") return refuseSignIn(ctx, p.key, "disabled", facts);
  if (!user && !p.createUsers) return refuseSignIn(ctx, p.key, "not_registered", facts);
  if (!user && !email) return refuseSignIn(ctx, p.key, "no_email", facts);

  const now = nowIso();
  return inTx(ctx, async (tx) => {
    const wanted = { org_id: org.id, role: mapped.role, is_org_admin: mapped.orgAdmin ? 1 : 0 } as const;
    let userId: string;
    const changes: Record<string, unknown> = {};
    if (!user) {
      userId = await insertNewUser(tx, {
        email: email!,
        name: who.name ?? email!,
        role: wanted.role,
        orgId: org.id,
        isOrgAdmin: mapped.orgAdmin,
      });
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
    if (identity) await touchIdentity(tx, p.key, sub, now);
    else await insertIdentity(tx, p.key, sub, userId, now);
    const totp = user?.totp_enabled === 1;
    // The provider's own multi-factor is trusted when it says so; otherwise Renkei's code is asked for.
    const session = await startSession(tx, userId, who.idpMfa || !totp, {
      provider: p.key,
      idToken: who.idToken,
      idpMfa: who.idpMfa,
    });
    await recordAudit(
      { ...tx, actor: null },
      "auth.ssoLogin",
      { type: "user", id: userId },
      { provider: p.key, sub, mfa: who.idpMfa, ...changes },
    );
    return { redirectTo: who.idpMfa || !totp ? returnTo : "/login/two-factor", cookies: session.cookies };
  });
}

/** Only a path of this app, never an outside address or the sign-in pages themselves. */
export const safeReturnTo = (v: string | undefined) =>
  v?.startsWith("/") && !v.startsWith("//") && !v.includes("\\") && !v.startsWith("/login") && !v.startsWith("/api") ? v : "/";

export const claimString = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
