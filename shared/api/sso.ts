import { z } from "zod";

/** The sign-in page's provider buttons (GET /auth/providers): OpenID Connect and SAML 2.0, each with where its sign-in starts. */
export const ssoProviderList = z.object({
  items: z.array(z.object({ id: z.string(), label: z.string(), startUrl: z.string() })),
});
export type SsoProviderList = z.infer<typeof ssoProviderList>;

/** Sign-out: where to send the browser next when the provider signs out too (RP-initiated logout). */
export const logoutResponse = z.object({ ok: z.literal(true), redirectTo: z.string().optional() });

/** Why a provider sign-in was refused: the callback sends the browser to /login?sso=<reason>. */
export const ssoRefusals = ["no_org", "not_registered", "disabled", "no_email", "conflict", "expired", "failed"] as const;
export type SsoRefusal = (typeof ssoRefusals)[number];

export const ssoStartQuery = z.object({ returnTo: z.string().max(500).optional() });
export const ssoParams = z.object({ provider: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/) });
