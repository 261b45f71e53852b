import type { Me } from "../../../shared/api/auth.js";
import { recordAudit } from "../../platform/audit/record.js";
import { checkPasswordRules, hashPassword, verifyPassword } from "../../platform/auth/passwords.js";
import {
  endOtherSessions,
  endSession,
  markSessionMfaPassed,
  type SessionCookies,
  type SessionInfo,
  type SessionUser,
  sessionSso,
  startSession,
} from "../../platform/auth/session.js";
import { clearFailures, failuresBlocked, recordFailure } from "../../platform/auth/throttle.js";
import { type Ctx, inTx, isPrefectureStaff, nowIso } from "../../platform/context.js";
import { AppError, invalid } from "../../platform/errors.js";
import { can } from "../../platform/policy/authorize.js";
import { mailComposer, sendMail } from "../notifications/index.js";
import { getSettings } from "../settings/service.js";
import { providerLogoutUrl } from "../sso/service.js";
import {
  actorOfUser,
  checkToken,
  claimTotpStep,
  deleteSessionsOf,
  findUser,
  findUserByEmail,
  issueToken,
  revokeTokens,
  updateUserRow,
} from "../users/index.js";
import "./accounts.js";
import { newTotpSecret, totpStep, totpUri } from "./two-factor.js";

// One answer for an unknown address, a wrong password and a locked account: none tells whether the account exists.
const badLogin = () =>
  new AppError(
    "UNAUTHENTICATED",
    "メールアドレスまたはパスワードが正しくないか、ログインの失敗が続いたため一時的にログインできません。しばらく待ってからもう一度お試しいただくか、管理者に連絡してください。",
  );
const tooMany = () => new AppError("RATE_LIMITED", "短時間に多くの失敗がありました。しばらく待ってからもう一度お試しください。");
// Verifying against a fixed hash keeps the response time the same for unknown addresses.
let dummyHash: Promise<string> | null = null;
const lockMs = (ctx: Ctx) => ctx.config.loginLockMinutes * 60_000;

/** Signs in with a password; the route sets the returned cookies. */
export async function login(ctx: Ctx, email: string, password: string) {
  // Failed sign-ins per client address across accounts (password spraying); per account, the lock below.
  const address = ctx.ip ?? "";
  if (await failuresBlocked(ctx, "address", address, ctx.config.loginAddressMaxFailures, lockMs(ctx))) throw tooMany();
  const u = await findUserByEmail(ctx, email);
  const usable = !!u && u.status === "active" && !!u.password_hash;
  const locked = !!u?.locked_until && u.locked_until > nowIso();
  if (!usable || locked) {
    dummyHash ??= hashPassword("not-a-real-password-0", ctx.config.argon2MemoryKiB);
    await verifyPassword(await dummyHash, password);
    await recordFailure(ctx, "address", address, lockMs(ctx));
    throw badLogin();
  }
  if (!(await verifyPassword(u.password_hash, password))) {
    await recordFailure(ctx, "address", address, lockMs(ctx));
    // Committed before the error is thrown: the failure count must survive the failed request.
    await inTx(ctx, async (tx) => {
      const failures = u.failed_logins + 1;
      const lock = failures >= ctx.config.loginMaxFailures;
      await updateUserRow(tx, u.id, {
        failed_logins: lock ? 0 : failures,
        locked_until: lock ? new Date(Date.now() + lockMs(ctx)).toISOString() : u.locked_until,
      });
      await recordAudit(tx, lock ? "user.lock" : "auth.loginFailed", { type: "user", id: u.id }, { failures });
    });
    throw badLogin();
  }
  return inTx(ctx, async (tx) => {
    await updateUserRow(tx, u.id, { failed_logins: 0, locked_until: null });
    const session = await startSession(tx, u.id, u.totp_enabled !== 1);
    await recordAudit({ ...tx, actor: null }, "auth.login", { type: "user", id: u.id }, { mfa: u.totp_enabled === 1 });
    const body =
      u.totp_enabled === 1
        ? { mfaRequired: true as const, csrfToken: session.csrfToken }
        : { mfaRequired: false as const, ...(await me(tx, session)) };
    return { body, cookies: session.cookies };
  });
}

const badCode = () =>
  invalid("確認コードが正しくないか、使用済みです。", [
    { path: "code", message: "認証アプリに表示されている新しい6桁のコードを入力してください" },
  ]);

/**
 * Accepts a TOTP code of the user's secret once: its time step must be later than the last accepted
 * one (recorded by a conditional update, so two requests racing with one code cannot both pass).
 * Failures are counted per account across addresses and sessions (the limit of the account's lock).
 */
async function acceptTotp(ctx: Ctx, u: { id: string; totp_secret: string | null }, code: string) {
  const window = lockMs(ctx);
  if (await failuresBlocked(ctx, "totp", u.id, ctx.config.loginMaxFailures, window)) throw tooMany();
  const step = u.totp_secret ? totpStep(u.totp_secret, code) : null;
  const taken = step !== null && (await claimTotpStep(ctx, u.id, step));
  if (!taken) {
    await recordFailure(ctx, "totp", u.id, window);
    throw badCode();
  }
  await clearFailures(ctx, "totp", u.id);
}

export async function verifyLoginTotp(ctx: Ctx, session: SessionInfo | null, code: string) {
  if (!session) throw new AppError("UNAUTHENTICATED", "ログインしてください。");
  const u = await findUser(ctx, session.userId);
  if (!u?.totp_secret) throw badCode();
  await acceptTotp(ctx, u, code);
  return inTx(ctx, async (tx) => {
    await markSessionMfaPassed(tx, session.id);
    await recordAudit(tx, "auth.twoFactor", { type: "user", id: u.id });
    return me(tx, { ...session, mfaPassed: true });
  });
}

/**
 * Ends the session; the route clears the cookies. A session signed in through a provider that supports
 * RP-initiated logout answers where to send the browser next, so it signs out there too.
 */
export async function logout(ctx: Ctx, session: SessionInfo | null): Promise<{ cookies: null; redirectTo?: string }> {
  if (!session) return { cookies: null };
  const sso = await sessionSso(ctx, session.id);
  await inTx(ctx, async (tx) => {
    await endSession(tx, session.id);
    await recordAudit(tx, "auth.logout", { type: "user", id: session.userId });
  });
  const redirectTo = sso?.sso_provider ? await providerLogoutUrl(ctx, sso.sso_provider, sso.sso_id_token ?? null) : undefined;
  return { cookies: null, redirectTo };
}

export async function logoutEverywhere(ctx: Ctx): Promise<{ cookies: null }> {
  const actor = ctx.actor!;
  await inTx(ctx, async (tx) => {
    await deleteSessionsOf(tx, actor.userId);
    await recordAudit(tx, "auth.logoutAll", { type: "user", id: actor.userId });
  });
  return { cookies: null };
}

const navAbilities = {
  manageOrgs: "org.update",
  manageUsers: "user.list",
  bulkUsers: "user.bulk",
  manageHandover: "handover.manage",
  manageBodies: "body.create",
  viewAudit: "audit.read",
  viewOutbox: "mail.outbox",
  reviewAccounts: "account.dormant",
  manageSettings: "settings.update",
  inviteToAnyOrg: "user.changeRole",
  setRoles: "user.changeRole",
  useDesk: "consultation.list",
  useSupport: "support.list",
  useSurveys: "survey.use",
  managePublication: "publication.manage",
  useInsight: "insight.suggest",
  syncDirectory: "directory.sync",
} as const;

/**
 * The signed-in user's own view. `known` is the user as read with the session by this request
 * (GET /api/me); a write passes none, so the user is read again after its changes.
 */
export async function me(ctx: Ctx, session: SessionInfo, known?: SessionUser): Promise<Me> {
  const u = known ?? (await findUser(ctx, session.userId));
  if (!u) throw new AppError("UNAUTHENTICATED", "ログインしてください。");
  const org = { id: u.org_id, name: u.org_name, kind: u.org_kind };
  const actor = ctx.actor ?? actorOfUser(u);
  const { requireTwoFactorForStaff } = await getSettings(ctx);
  const abilities: Record<string, boolean> = {};
  for (const [k, action] of Object.entries(navAbilities)) abilities[k] = can(actor, action);
  return {
    user: {
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      isOrgAdmin: u.is_org_admin === 1,
      locale: u.locale,
      twoFactorEnabled: u.totp_enabled === 1,
      org,
    },
    csrfToken: session.csrfToken,
    mustEnrollTwoFactor: requireTwoFactorForStaff && isPrefectureStaff(actor) && !actor.twoFactorEnabled,
    abilities,
  };
}

export async function updateMe(ctx: Ctx, session: SessionInfo, patch: { name?: string; locale?: "ja" | "en" }) {
  const id = ctx.actor!.userId;
  return inTx(ctx, async (tx) => {
    await updateUserRow(tx, id, { ...patch, updated_at: nowIso() });
    await recordAudit(tx, "user.updateProfile", { type: "user", id }, patch);
    return me(tx, session);
  });
}

export async function changePassword(ctx: Ctx, session: SessionInfo, current: string, next: string) {
  const u = (await findUser(ctx, ctx.actor!.userId))!;
  if (!(await verifyPassword(u.password_hash, current)))
    throw invalid("現在のパスワードが正しくありません。", [{ path: "current", message: "現在のパスワードを確認してください" }]);
  checkPasswordRules(next, u.email, "next");
  const hash = await hashPassword(next, ctx.config.argon2MemoryKiB);
  await inTx(ctx, async (tx) => {
    await updateUserRow(tx, u.id, { password_hash: hash, updated_at: nowIso() });
    // Other sessions and every outstanding reset link end; this session stays.
    await endOtherSessions(tx, u.id, session.id);
    await revokeTokens(tx, u.id, "reset");
    await recordAudit(tx, "user.changePassword", { type: "user", id: u.id });
  });
}

/** Always answers the same, whether or not the address exists. */
export async function requestPasswordReset(ctx: Ctx, email: string) {
  const u = await findUserByEmail(ctx, email);
  if (!u || u.status !== "active") return;
  await inTx(ctx, async (tx) => {
    const token = await issueToken(tx, u.id, "reset");
    const compose = await mailComposer(tx, {
      template: "account.reset",
      vars: { リンク: `${ctx.config.publicUrl}/reset-password/${token}` },
    });
    await sendMail(tx, { to: u.email, ...compose({ name: u.name, orgName: u.org_name }) });
    await recordAudit({ ...tx, actor: null }, "auth.resetRequested", { type: "user", id: u.id });
  });
}

export async function confirmPasswordReset(ctx: Ctx, token: string, password: string) {
  const row = await checkToken(ctx, token, "reset", false);
  const u = (await findUser(ctx, row.user_id))!;
  checkPasswordRules(password, u.email);
  const hash = await hashPassword(password, ctx.config.argon2MemoryKiB);
  await inTx(ctx, async (tx) => {
    await checkToken(tx, token, "reset", true);
    await updateUserRow(tx, u.id, { password_hash: hash, failed_logins: 0, locked_until: null, updated_at: nowIso() });
    await deleteSessionsOf(tx, u.id);
    await revokeTokens(tx, u.id, "reset");
    await recordAudit(tx, "auth.resetPassword", { type: "user", id: u.id });
  });
}

export async function invitationInfo(ctx: Ctx, token: string) {
  const row = await checkToken(ctx, token, "invite", false);
  const u = (await findUser(ctx, row.user_id))!;
  return { email: u.email, name: u.name, orgName: u.org_name };
}

export async function acceptInvitation(
  ctx: Ctx,
  token: string,
  password: string,
): Promise<{ body: Me; cookies: SessionCookies }> {
  const row = await checkToken(ctx, token, "invite", false);
  const u = (await findUser(ctx, row.user_id))!;
  checkPasswordRules(password, u.email);
  const hash = await hashPassword(password, ctx.config.argon2MemoryKiB);
  return inTx(ctx, async (tx) => {
    await checkToken(tx, token, "invite", true);
    await updateUserRow(tx, u.id, { password_hash: hash, status: "active", updated_at: nowIso() });
    await recordAudit(tx, "user.acceptInvitation", { type: "user", id: u.id });
    const session = await startSession(tx, u.id, true);
    return { body: await me(tx, session), cookies: session.cookies };
  });
}

export async function setupTotp(ctx: Ctx) {
  const actor = ctx.actor!;
  const secret = newTotpSecret();
  await inTx(ctx, async (tx) => {
    await updateUserRow(tx, actor.userId, { totp_secret: secret, totp_enabled: 0, totp_last_step: null, updated_at: nowIso() });
    await recordAudit(tx, "user.twoFactorSetup", { type: "user", id: actor.userId });
  });
  return { secret, uri: totpUri(secret, actor.email) };
}

export async function enableTotp(ctx: Ctx, session: SessionInfo, code: string) {
  const u = (await findUser(ctx, ctx.actor!.userId))!;
  if (!u.totp_secret) throw invalid("先に二要素認証の設定を開始してください。");
  await acceptTotp(ctx, u, code);
  return inTx(ctx, async (tx) => {
    await updateUserRow(tx, u.id, { totp_enabled: 1, updated_at: nowIso() });
    await recordAudit(tx, "user.twoFactorEnable", { type: "user", id: u.id });
    return me({ ...tx, actor: { ...tx.actor!, twoFactorEnabled: true } }, session);
  });
}

export async function disableTotp(ctx: Ctx, session: SessionInfo, password: string) {
  const u = (await findUser(ctx, ctx.actor!.userId))!;
  if (!(await verifyPassword(u.password_hash, password)))
    throw invalid("パスワードが正しくありません。", [{ path: "password", message: "現在のパスワードを入力してください" }]);
  const { requireTwoFactorForStaff } = await getSettings(ctx);
  if (requireTwoFactorForStaff && isPrefectureStaff(ctx.actor))
    throw new AppError("FORBIDDEN", "県職員の二要素認証は必須に設定されているため、無効にできません。");
  return inTx(ctx, async (tx) => {
    await updateUserRow(tx, u.id, { totp_enabled: 0, totp_secret: null, totp_last_step: null, updated_at: nowIso() });
    await recordAudit(tx, "user.twoFactorDisable", { type: "user", id: u.id });
    return me({ ...tx, actor: { ...tx.actor!, twoFactorEnabled: false } }, session);
  });
}
