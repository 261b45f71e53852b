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

export const meUser = z.object({
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
export const tokenPassword = z.object({ token: z.string().min(10).max(200), password: z.string().min(1).max(200) });
export const changePassword = z.object({ current: z.string().min(1), next: z.string().min(1).max(200) });
export const mePatch = z.object({ name: z.string().trim().min(1).max(100).optional(), locale: z.enum(["ja", "en"]).optional() });
export const totpSetup = z.object({ secret: z.string(), uri: z.string() });
export const invitationInfo = z.object({ email: z.string(), name: z.string(), orgName: z.string() });
