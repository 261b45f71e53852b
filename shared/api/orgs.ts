import { z } from "zod";
import { isValidLgCode } from "../lg-code.js";
import { looseNumber } from "../numbers.js";
import { pageQuery } from "./paging.js";

export const orgKinds = ["prefecture", "city", "town", "village", "other"] as const;
export const orgKindLabels: Record<(typeof orgKinds)[number], { ja: string; en: string }> = {
  prefecture: { ja: "都道府県", en: "Prefecture" },
  city: { ja: "市", en: "City" },
  town: { ja: "町", en: "Town" },
  village: { ja: "村", en: "Village" },
  other: { ja: "その他", en: "Other" },
};

const lgCode = z
  .string()
  .trim()
  .refine(isValidLgCode, { error: "全国地方公共団体コードは6桁で、最後の検査数字が正しい必要があります" });

export const orgInput = z
  .object({
    kind: z.enum(orgKinds, { error: "種別を選んでください" }),
    lgCode: lgCode.nullable().optional(),
    name: z.string().trim().min(1, "名称を入力してください").max(100),
    kana: z.string().trim().min(1, "よみがなを入力してください").max(200),
    nameEn: z.string().trim().max(200).nullable().optional(),
    population: looseNumber(
      z.number({ error: "人口は数値で入力してください" }).int().min(0, "人口は0以上の整数で入力してください").nullable(),
    ).optional(),
  })
  .refine((o) => o.kind === "other" || !!o.lgCode, {
    path: ["lgCode"],
    error: "自治体には全国地方公共団体コードが必要です",
  });
export type OrgInput = z.infer<typeof orgInput>;

export const orgPatch = z.object({
  kind: z.enum(orgKinds).optional(),
  lgCode: lgCode.nullable().optional(),
  name: z.string().trim().min(1, "名称を入力してください").max(100).optional(),
  kana: z.string().trim().min(1).max(200).optional(),
  nameEn: z.string().trim().max(200).nullable().optional(),
  population: looseNumber(
    z.number({ error: "人口は数値で入力してください" }).int().min(0, "人口は0以上の整数で入力してください").nullable(),
  ).optional(),
});

export const org = z.object({
  id: z.string(),
  kind: z.enum(orgKinds),
  lgCode: z.string().nullable(),
  name: z.string(),
  kana: z.string(),
  nameEn: z.string().nullable(),
  population: z.number().nullable(),
  isSmall: z.boolean(),
  abilities: z.object({ canEdit: z.boolean() }),
});
export type Org = z.infer<typeof org>;

export const orgListQuery = z.object({
  kind: z.enum(orgKinds).optional(),
  small: z.enum(["true", "false"]).optional(),
  q: z.string().max(100).optional(),
  ...pageQuery.shape,
});

export const orgImportResult = z.object({ created: z.number(), updated: z.number(), encoding: z.string() });

/** The organisation's contact data: the sender's 問合せ先 in official mail and documents. */
export const orgContact = z.object({
  department: z.string().trim().max(100, "担当部署は100文字以内にしてください"),
  person: z.string().trim().max(100, "担当者は100文字以内にしてください"),
  phone: z
    .string()
    .trim()
    .max(30)
    .refine((v) => v === "" || /^[0-9０-９()（）\-－‐ ]+$/.test(v), { error: "電話番号は数字とハイフンで入力してください" }),
  email: z.union([z.literal(""), z.email({ error: "メールアドレスの形式が正しくありません" })]),
  address: z.string().trim().max(200, "所在地は200文字以内にしてください"),
});
export type OrgContact = z.infer<typeof orgContact>;
