import type { FastifyReply } from "fastify";
import type { Me } from "../../../shared/api/auth.js";
import { recordAudit } from "../../platform/audit/record.js";
import { checkPasswordRules, hashPassword, verifyPassword } from "../../platform/auth/passwords.js";
import { clearCookies, type SessionInfo, startSession } from "../../platform/auth/session.js";
import { type Ctx, inTx, isPrefectureStaff, nowIso } from "../../platform/context.js";
import { AppError, invalid } from "../../platform/errors.js";
import { can } from "../../platform/policy/authorize.js";
import { sendMail } from "../notifications/mail.js";
import { getSettings } from "../settings/service.js";
import { deleteSessionsOf, findUser, findUserByEmail, updateUserRow } from "../users/repo.js";
import { checkToken, issueToken } from "../users/tokens.js";
import { checkTotp, newTotpSecret, totpUri } from "./two-factor.js";

const badLogin = () => new AppError("UNAUTHENTICATED", "メールアドレスまたはパスワードが正しくありません。");
// Verifying against a fixed hash keeps the response time the same for unknown addresses.
let dummyHash: Promise<string> | null = null;

export async function login(ctx: Ctx, reply: FastifyReply, email: string, password: string) {
  const u = await findUserByEmail(ctx, email);
  if (!u || u.status !== "active" || !u.password_hash) {
    dummyHash ??= hashPassword("not-a-real-password-0", ctx.config.argon2MemoryKiB);
    await verifyPassword(await dummyHash, password);
    throw badLogin();
  }
  if (u.locked_until && u.locked_until > nowIso()) {
    const minutes = Math.ceil((Date.parse(u.locked_until) - Date.now()) / 60_000);
    throw new AppError(
      "ACCOUNT_LOCKED",
      `ログインの失敗が続いたため、アカウントを一時的にロックしています。${minutes}分後にもう一度お試しいただくか、管理者に解除を依頼してください。`,
    );
  }
  if (!(await verifyPassword(u.password_hash, password))) {
    // Committed before the error is thrown: the failure count must survive the failed request.
    await inTx(ctx, async (tx) => {
      const failures = u.failed_logins + 1;
      const lock = failures >= ctx.config.loginMaxFailures;
      await updateUserRow(tx, u.id, {
        failed_logins: lock ? 0 : failures,
        locked_until: lock ? new Date(Date.now() + ctx.config.loginLockMinutes * 60_000).toISOString() : u.locked_until,
      });
      await recordAudit(tx, lock ? "user.lock" : "auth.loginFailed", { type: "user", id: u.id }, { failures });
    });
    throw badLogin();
  }
  return inTx(ctx, async (tx) => {
    await updateUserRow(tx, u.id, { failed_logins: 0, locked_until: null });
    const session = await startSession(tx, reply, u.id, u.totp_enabled !== 1);
    await recordAudit({ ...tx, actor: null }, "auth.login", { type: "user", id: u.id }, { mfa: u.totp_enabled === 1 });
    if (u.totp_enabled === 1) return { mfaRequired: true as const, csrfToken: session.csrfToken };
    return { mfaRequired: false as const, ...(await me(tx, session)) };
  });
}

export async function verifyLoginTotp(ctx: Ctx, session: SessionInfo | null, code: string) {
  if (!session) throw new AppError("UNAUTHENTICATED", "ログインしてください。");
  const u = await findUser(ctx, session.userId);
  if (!u?.totp_secret || !checkTotp(u.totp_secret, code))
    throw invalid("確認コードが正しくありません。", [{ path: "code", message: "認証アプリの6桁のコードを入力してください" }]);
  return inTx(ctx, async (tx) => {
    await tx.db.updateTable("sessions").set({ mfa_passed: 1 }).where("id", "=", session.id).execute();
    await recordAudit(tx, "auth.twoFactor", { type: "user", id: u.id });
    return me(tx, { ...session, mfaPassed: true });
  });
}

export async function logout(ctx: Ctx, reply: FastifyReply, session: SessionInfo | null) {
  clearCookies(reply);
  if (!session) return;
  await inTx(ctx, async (tx) => {
    await tx.db.deleteFrom("sessions").where("id", "=", session.id).execute();
    await recordAudit(tx, "auth.logout", { type: "user", id: session.userId });
  });
}

export async function logoutEverywhere(ctx: Ctx, reply: FastifyReply) {
  const actor = ctx.actor!;
  clearCookies(reply);
  await inTx(ctx, async (tx) => {
    await deleteSessionsOf(tx, actor.userId);
    await recordAudit(tx, "auth.logoutAll", { type: "user", id: actor.userId });
  });
}

const navAbilities = {
  manageOrgs: "org.update",
  manageUsers: "user.list",
  manageBodies: "body.create",
  viewAudit: "audit.read",
  viewOutbox: "mail.outbox",
  manageSettings: "settings.update",
  inviteToAnyOrg: "user.changeRole",
  setRoles: "user.changeRole",
  useDesk: "consultation.list",
  useSupport: "support.list",
  useSurveys: "survey.use",
};

export async function me(ctx: Ctx, session: SessionInfo): Promise<Me> {
  const u = await findUser(ctx, session.userId);
  if (!u) throw new AppError("UNAUTHENTICATED", "ログインしてください。");
  const org = await ctx.db.selectFrom("orgs").select(["id", "name", "kind"]).where("id", "=", u.org_id).executeTakeFirstOrThrow();
  const actor = ctx.actor ?? {
    userId: u.id,
    orgId: u.org_id,
    orgKind: org.kind,
    role: u.role,
    isOrgAdmin: u.is_org_admin === 1,
    email: u.email,
    name: u.name,
    twoFactorEnabled: u.totp_enabled === 1,
  };
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
    mustEnrollTwoFactor: requireTwoFactorForStaff && isPrefectureStaff(actor) && u.totp_enabled !== 1,
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
    // Other sessions end; this one stays.
    await tx.db.deleteFrom("sessions").where("user_id", "=", u.id).where("id", "!=", session.id).execute();
    await recordAudit(tx, "user.changePassword", { type: "user", id: u.id });
  });
}

/** Always answers the same, whether or not the address exists. */
export async function requestPasswordReset(ctx: Ctx, email: string) {
  const u = await findUserByEmail(ctx, email);
  if (!u || u.status !== "active") return;
  await inTx(ctx, async (tx) => {
    const token = await issueToken(tx, u.id, "reset");
    await sendMail(tx, {
      to: u.email,
      subject: "【Renkei】パスワード再設定のご案内",
      text: `${u.name} 様\n\nパスワード再設定の依頼を受け付けました。次のリンクを開き、2時間以内に新しいパスワードを設定してください。\n\n${ctx.config.publicUrl}/reset-password/${token}\n\n心当たりがない場合は、このメールを破棄してください。`,
    });
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
    await recordAudit(tx, "auth.resetPassword", { type: "user", id: u.id });
  });
}

export async function invitationInfo(ctx: Ctx, token: string) {
  const row = await checkToken(ctx, token, "invite", false);
  const u = (await findUser(ctx, row.user_id))!;
  return { email: u.email, name: u.name, orgName: u.org_name };
}

export async function acceptInvitation(ctx: Ctx, reply: FastifyReply, token: string, password: string) {
  const row = await checkToken(ctx, token, "invite", false);
  const u = (await findUser(ctx, row.user_id))!;
  checkPasswordRules(password, u.email);
  const hash = await hashPassword(password, ctx.config.argon2MemoryKiB);
  return inTx(ctx, async (tx) => {
    await checkToken(tx, token, "invite", true);
    await updateUserRow(tx, u.id, { password_hash: hash, status: "active", updated_at: nowIso() });
    await recordAudit(tx, "user.acceptInvitation", { type: "user", id: u.id });
    const session = await startSession(tx, reply, u.id, true);
    return me(tx, session);
  });
}

export async function setupTotp(ctx: Ctx) {
  const actor = ctx.actor!;
  const secret = newTotpSecret();
  await inTx(ctx, async (tx) => {
    await updateUserRow(tx, actor.userId, { totp_secret: secret, totp_enabled: 0, updated_at: nowIso() });
    await recordAudit(tx, "user.twoFactorSetup", { type: "user", id: actor.userId });
  });
  return { secret, uri: totpUri(secret, actor.email) };
}

export async function enableTotp(ctx: Ctx, session: SessionInfo, code: string) {
  const u = (await findUser(ctx, ctx.actor!.userId))!;
  if (!u.totp_secret) throw invalid("先に二要素認証の設定を開始してください。");
  if (!checkTotp(u.totp_secret, code))
    throw invalid("確認コードが正しくありません。", [{ path: "code", message: "認証アプリの6桁のコードを入力してください" }]);
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
    await updateUserRow(tx, u.id, { totp_enabled: 0, totp_secret: null, updated_at: nowIso() });
    await recordAudit(tx, "user.twoFactorDisable", { type: "user", id: u.id });
    return me({ ...tx, actor: { ...tx.actor!, twoFactorEnabled: false } }, session);
  });
}
