import { z } from "zod";
import { isoDate } from "./common.js";

export const bodyKinds = ["hq", "council", "working_group", "subcommittee"] as const;
export const bodyKindLabels: Record<(typeof bodyKinds)[number], { ja: string; en: string }> = {
  hq: { ja: "本部", en: "Headquarters" },
  council: { ja: "会議", en: "Council" },
  working_group: { ja: "ワーキンググループ", en: "Working group" },
  subcommittee: { ja: "専門部会", en: "Subcommittee" },
};
export const positions = ["chair", "vice_chair", "member", "secretariat", "observer"] as const;
export const positionLabels: Record<(typeof positions)[number], { ja: string; en: string }> = {
  chair: { ja: "座長", en: "Chair" },
  vice_chair: { ja: "副座長", en: "Vice chair" },
  member: { ja: "構成員", en: "Member" },
  secretariat: { ja: "事務局", en: "Secretariat" },
  observer: { ja: "オブザーバー", en: "Observer" },
};
const visibilities = ["all", "members"] as const;

const bodyFields = {
  kind: z.enum(bodyKinds, { error: "種別を選んでください" }),
  parentId: z.uuid().nullable().optional(),
  name: z.string().trim().min(1, "名称を入力してください").max(200),
  nameEn: z.string().trim().max(200).nullable().optional(),
  theme: z.string().trim().max(200).nullable().optional(),
  description: z.string().max(5000),
  visibility: z.enum(visibilities),
};
export const bodyInput = z.object({
  ...bodyFields,
  description: bodyFields.description.default(""),
  visibility: bodyFields.visibility.default("all"),
});
/** A patch has no defaults: a field left out stays as it is. */
export const bodyPatch = z.object(bodyFields).partial();

export const memberInput = z
  .object({
    orgId: z.uuid().nullable().optional(),
    userId: z.uuid().nullable().optional(),
    position: z.enum(positions, { error: "役職を選んでください" }),
    termStart: isoDate.nullable().optional(),
    termEnd: isoDate.nullable().optional(),
  })
  .refine((m) => !!m.orgId !== !!m.userId, { path: ["orgId"], error: "団体か個人のどちらか一方を選んでください" })
  .refine((m) => !m.termStart || !m.termEnd || m.termStart <= m.termEnd, {
    path: ["termEnd"],
    error: "任期の終了日は開始日以降にしてください",
  });
export const memberPatch = z.object({
  position: z.enum(positions).optional(),
  termStart: isoDate.nullable().optional(),
  termEnd: isoDate.nullable().optional(),
});

/** A person's or organisation's contact as shown where people reach each other (members, attendance, desk). */
export const contact = z.object({ department: z.string(), title: z.string(), phone: z.string(), email: z.string() });
export type Contact = z.infer<typeof contact>;
/** A contact with something in it, or null. */
export const contactOf = (c: Contact): Contact | null => (c.department || c.title || c.phone || c.email ? c : null);

export const member = z.object({
  id: z.string(),
  position: z.enum(positions),
  org: z.object({ id: z.string(), name: z.string() }).nullable(),
  user: z.object({ id: z.string(), name: z.string(), orgName: z.string() }).nullable(),
  termStart: z.string().nullable(),
  termEnd: z.string().nullable(),
  /** How to reach the member: the person's department and title, their organisation's phone and representative e-mail. */
  contact: contact.nullable(),
});

export const body = z.object({
  id: z.string(),
  kind: z.enum(bodyKinds),
  parentId: z.string().nullable(),
  name: z.string(),
  nameEn: z.string().nullable(),
  theme: z.string().nullable(),
  description: z.string(),
  visibility: z.enum(visibilities),
  memberCount: z.number(),
  myPosition: z.enum(positions).nullable(),
  abilities: z.object({ canEdit: z.boolean(), canManageMembers: z.boolean() }),
});
export type Body = z.infer<typeof body>;
export const bodyDetail = body.extend({ members: z.array(member) });
export type BodyDetail = z.infer<typeof bodyDetail>;
