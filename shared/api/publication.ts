import { z } from "zod";
import { findingKinds } from "./faq.js";

/** Disclosure levels: 公開 (on the public site), 非公開 (members only, the default), 委員限り (the body's members only). */
export const disclosureLevels = ["public", "closed", "members"] as const;
export type Disclosure = (typeof disclosureLevels)[number];
export const disclosureLabels: Record<Disclosure, { ja: string; en: string }> = {
  public: { ja: "公開", en: "Public" },
  closed: { ja: "非公開", en: "Not public" },
  members: { ja: "委員限り", en: "Members only" },
};

const level = z.enum(disclosureLevels, { error: "公開区分を選んでください" });
const entry = z.object({ id: z.uuid({ error: "IDの形式が正しくありません" }), level });

/** What the secretariat sets for one meeting; items and materials not listed keep their level. */
export const publicationInput = z.object({
  meeting: level,
  minutes: level,
  agendaItems: z.array(entry).max(500).default([]),
  materials: z.array(entry).max(2000).default([]),
});
export type PublicationInput = z.infer<typeof publicationInput>;
/** Applying also names the findings of the anonymisation check the secretariat has read and accepts. */
export const publicationApply = publicationInput.extend({
  acceptFindings: z.boolean().default(false),
});

export const publicationState = z.object({
  meetingId: z.uuid(),
  meetingName: z.string(),
  bodyPublic: z.boolean(),
  meeting: level,
  minutes: level,
  agendaItems: z.array(
    z.object({ id: z.uuid(), number: z.number().int().nullable(), title: z.string(), status: z.string(), level }),
  ),
  materials: z.array(
    z.object({
      id: z.uuid(),
      agendaItemId: z.uuid().nullable(),
      label: z.string(),
      title: z.string(),
      fileName: z.string(),
      level,
    }),
  ),
  /** The minutes revision the public site would show (the latest published one), if any. */
  publishedMinutesRevision: z.number().int().nullable(),
  /** The page's address on the public site once published. */
  publicPath: z.string(),
  abilities: z.object({ canPublish: z.boolean() }),
});
export type PublicationState = z.infer<typeof publicationState>;

const publicationFinding = z.object({ kind: z.enum(findingKinds), term: z.string(), where: z.string() });
export type PublicationFinding = z.infer<typeof publicationFinding>;

/** Exactly what the public site will show for the meeting with the levels asked for. */
export const publicationPreview = z.object({
  public: z.boolean(),
  meetingName: z.string(),
  bodyName: z.string(),
  when: z.string(),
  place: z.string(),
  description: z.string(),
  agenda: z.array(z.object({ number: z.number().int().nullable(), title: z.string(), presenter: z.string() })),
  materials: z.array(z.object({ label: z.string(), title: z.string(), fileName: z.string(), size: z.number().int() })),
  minutesHtml: z.string().nullable(),
  findings: z.array(publicationFinding),
});
export type PublicationPreview = z.infer<typeof publicationPreview>;

export const programmeDisclosure = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  level,
});
export const programmeDisclosureInput = z.object({ level });
