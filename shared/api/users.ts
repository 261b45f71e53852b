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
  /** 所属 and 役職 (issue 15): shown where people reach each other. */
  department: z.string(),
  title: z.string(),
  createdAt: z.string(),
  abilities: z.object({
    canEdit: z.boolean(),
    canChangeRole: z.boolean(),
    canUnlock: z.boolean(),
    /** The person's own 所属・役職: their organisation's administrator, the secretariat for prefecture staff, themselves. */
    canEditContact: z.boolean(),
  }),
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
  name: z.string().trim().min(1, "氏名を入力してください").max(100, "氏名は100文字以内にしてください").optional(),
  role: z.enum(roles).optional(),
  isOrgAdmin: z.boolean().optional(),
  status: z.enum(["active", "disabled"]).optional(),
});

/** One line of a contact: trimmed, at most 100 characters, no line breaks or other control characters. */
const contactText = (label: string) =>
  z
    .string()
    .trim()
    .max(100, `${label}は100文字以内にしてください`)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    .refine((v) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(v), `${label}に改行や制御文字は使えません`);

/** A person's 所属 and 役職: the edit form, PATCH /users/:id/contact and each row of the bulk file. */
export const personContact = z.object({ department: contactText("所属"), title: contactText("役職") });
export type PersonContact = z.infer<typeof personContact>;

/** One problem in an imported file: the row and column the clerk sees in Excel, and what to do. */
export const fileIssue = z.object({
  path: z.string(),
  row: z.number().nullable(),
  column: z.string().nullable(),
  message: z.string(),
});
export type FileIssue = z.infer<typeof fileIssue>;

/** The bulk user file: these headers (Japanese, or the English key) in row 1; other columns are ignored. */
export const userFileColumns = {
  lgCode: { ja: "団体コード", en: "lg_code" },
  orgName: { ja: "団体名", en: "org_name" },
  name: { ja: "氏名", en: "name" },
  email: { ja: "メールアドレス", en: "email" },
  role: { ja: "役割", en: "role" },
  isOrgAdmin: { ja: "団体管理者", en: "org_admin" },
  department: { ja: "所属", en: "department" },
  title: { ja: "役職", en: "title" },
  status: { ja: "状態", en: "status" },
  createdAt: { ja: "登録日", en: "created_at" },
} as const;

export const userImportResult = z.object({
  dryRun: z.boolean(),
  format: z.enum(["xlsx", "csv"]),
  encoding: z.string().nullable(),
  rows: z.array(
    z.object({
      row: z.number(),
      email: z.string(),
      name: z.string(),
      role: z.enum(roles),
      isOrgAdmin: z.boolean(),
      org: z.object({ id: z.string(), name: z.string() }),
    }),
  ),
  issues: z.array(fileIssue),
  created: z.number(),
  invited: z.number(),
});
export type UserImportResult = z.infer<typeof userImportResult>;

export const userExportQuery = z.object({
  orgId: z.uuid().optional(),
  encoding: z.enum(["utf8", "sjis"]).default("utf8"),
});
