import { z } from "zod";
import { pageQuery } from "./paging.js";

import { type RoleName, roleLabels, roles } from "./roles.js";

export { type RoleName, roleLabels, roles };
export const userStatuses = ["active", "invited", "disabled"] as const;

export const user = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  isOrgAdmin: z.boolean(),
  status: z.enum(userStatuses),
  locked: z.boolean(),
  twoFactorEnabled: z.boolean(),
  org: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  abilities: z.object({ canEdit: z.boolean(), canChangeRole: z.boolean(), canUnlock: z.boolean() }),
});
export type User = z.infer<typeof user>;

export const userListQuery = z.object({
  orgId: z.uuid().optional(),
  role: z.enum(roles).optional(),
  status: z.enum(userStatuses).optional(),
  q: z.string().max(100).optional(),
  ...pageQuery.shape,
});

export const inviteInput = z.object({
  email: z.string().trim().toLowerCase().email("メールアドレスの形式が正しくありません"),
  name: z.string().trim().min(1, "氏名を入力してください").max(100),
  role: z.enum(roles, { error: "役割を選んでください" }),
  orgId: z.uuid({ error: "所属団体を選んでください" }),
  isOrgAdmin: z.boolean().default(false),
});

export const userPatch = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  role: z.enum(roles).optional(),
  isOrgAdmin: z.boolean().optional(),
  status: z.enum(["active", "disabled"]).optional(),
});
