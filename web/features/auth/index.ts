import "./messages.js";

export { ForgotPasswordPage } from "./forgot-password-page.js";
export { InvitationPage } from "./invitation-page.js";
export { LoginPage } from "./login-page.js";
export { ResetPasswordPage } from "./reset-password-page.js";
export { TwoFactorCodePage } from "./two-factor-code-page.js";
export { TwoFactorSetupPage } from "./two-factor-setup-page.js";
