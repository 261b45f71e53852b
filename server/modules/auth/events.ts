/** Types only: the audit events of sign-in, sessions, passwords, invitations and two-factor. */
type AuthEvent =
  | "auth.login"
  | "auth.loginFailed"
  | "auth.logout"
  | "auth.logoutAll"
  | "auth.resetPassword"
  | "auth.resetRequested"
  | "auth.twoFactor"
  | "user.acceptInvitation"
  | "user.changePassword"
  | "user.lock"
  | "user.twoFactorDisable"
  | "user.twoFactorEnable"
  | "user.twoFactorSetup"
  | "user.updateProfile"
  | "auth.ssoLogin"
  | "auth.ssoRefused"
  | "session.revoke"
  | "account.dormantNotified";
declare module "../../platform/audit/record.js" {
  interface AuditEvents extends Record<AuthEvent, true> {}
}

export {};
