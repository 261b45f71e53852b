import { z } from "zod";
import { roles } from "./users.js";

export const loginInput = z.object({
  email: z.string().trim().toLowerCase().email("メールアドレスの形式が正しくありません"),
  password: z.string().min(1, "パスワードを入力してください").max(200),
});

export const totpInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "6桁の数字を入力してください"),
});

const meUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  isOrgAdmin: z.boolean(),
  locale: z.enum(["ja", "en"]),
  twoFactorEnabled: z.boolean(),
  org: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
});
export type MeUser = z.infer<typeof meUser>;

export const meResponse = z.object({
  user: meUser,
  csrfToken: z.string(),
  mustEnrollTwoFactor: z.boolean(),
  abilities: z.record(z.string(), z.boolean()),
});
export type Me = z.infer<typeof meResponse>;

export const loginResponse = z.union([
  meResponse.extend({ mfaRequired: z.literal(false) }),
  z.object({ mfaRequired: z.literal(true), csrfToken: z.string() }),
]);

export const passwordResetRequest = z.object({
  email: z.string().trim().toLowerCase().email("メールアドレスの形式が正しくありません"),
});
/**
 * The password rules (12+ characters, two kinds of letters, digits and symbols, not the address's name part):
 * what is wrong, in the clerk's words. The server checks the address part too (platform/auth/passwords.ts).
 */
export function passwordProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  if (password.length < 12) problems.push("12文字以上にしてください");
  if (password.length > 200) problems.push("200文字以内にしてください");
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (kinds < 2) problems.push("英小文字・英大文字・数字・記号のうち2種類以上を含めてください");
  const local = email?.split("@")[0]?.toLowerCase() ?? "";
  if (local.length >= 4 && password.toLowerCase().includes(local)) problems.push("メールアドレスを含めないでください");
  return problems;
}

/** A new password, checked by the rules in the browser as on the server (the address part on the server only). */
const newPassword = z.string().superRefine((password, ctx) => {
  const problems = passwordProblems(password);
  if (problems.length) ctx.addIssue({ code: "custom", message: problems.join("、") });
});

export const tokenPassword = z.object({ token: z.string().min(10).max(200), password: newPassword });
export const changePassword = z.object({
  current: z.string().min(1, "現在のパスワードを入力してください").max(200),
  next: newPassword,
});
/** Turning two-factor authentication off asks for the password again. */
export const totpDisable = z.object({ password: z.string().min(1, "現在のパスワードを入力してください").max(200) });
export const mePatch = z.object({ name: z.string().trim().min(1).max(100).optional(), locale: z.enum(["ja", "en"]).optional() });
export const totpSetup = z.object({ secret: z.string(), uri: z.string() });
export const invitationInfo = z.object({ email: z.string(), name: z.string(), orgName: z.string() });
