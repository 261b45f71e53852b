import { z } from "zod";
import { consultationCategories } from "./consultations.js";
import { pageQuery } from "./paging.js";

export { consultationCategories as faqCategories, consultationCategoryLabels as faqCategoryLabels } from "./consultations.js";

export const faqStatuses = ["draft", "published"] as const;
export const faqStatusLabels: Record<(typeof faqStatuses)[number], { ja: string; en: string }> = {
  draft: { ja: "下書き", en: "Draft" },
  published: { ja: "公開中", en: "Published" },
};

export const faqInput = z.object({
  category: z.enum(consultationCategories, { error: "分類を選んでください" }),
  question: z.string().trim().min(1, "質問を入力してください").max(500, "質問は500文字以内にしてください"),
  answer: z.string().trim().min(1, "回答を入力してください").max(20_000, "回答は20,000文字以内にしてください"),
});
export const faqPatch = faqInput.partial();
export const fromConsultationInput = z.object({ consultationId: z.uuid({ error: "相談を選んでください" }) });
export const publishInput = z.object({
  confirmAnonymised: z.literal(true, { error: "団体名・個人名が含まれていないことを確認してください" }),
});
export const faqQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  category: z.enum(consultationCategories).optional(),
  status: z.enum([...faqStatuses, "all"]).optional(),
});
export const suggestInput = z.object({ text: z.string().max(20_000).default("") });

export const findingKinds = ["org", "person", "email", "phone"] as const;
export const findingLabels: Record<(typeof findingKinds)[number], { ja: string; en: string }> = {
  org: { ja: "団体名", en: "Organisation name" },
  person: { ja: "個人名", en: "Person's name" },
  email: { ja: "メールアドレス", en: "E-mail address" },
  phone: { ja: "電話番号", en: "Phone number" },
};
const finding = z.object({ kind: z.enum(findingKinds), term: z.string(), field: z.enum(["question", "answer"]) });
export type Finding = z.infer<typeof finding>;

export const faqArticle = z.object({
  id: z.string(),
  category: z.enum(consultationCategories),
  question: z.string(),
  answer: z.string(),
  /** The answer as formatted text, rendered and sanitised on the server. */
  answerHtml: z.string(),
  status: z.enum(faqStatuses),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  /** Staff only: the consultation it was made from, the reviewer, and what still identifies someone. */
  review: z
    .object({
      sourceConsultationId: z.string().nullable(),
      reviewedBy: z.string().nullable(),
      reviewedAt: z.string().nullable(),
      findings: z.array(finding),
    })
    .nullable(),
  abilities: z.object({ canEdit: z.boolean(), canPublish: z.boolean(), canUnpublish: z.boolean(), canDelete: z.boolean() }),
});
export type FaqArticle = z.infer<typeof faqArticle>;

export const faqList = z.object({
  items: z.array(faqArticle.omit({ answer: true, answerHtml: true }).extend({ excerpt: z.string() })),
  total: z.number(),
  abilities: z.object({ canCreate: z.boolean() }),
});
const suggestion = z.object({
  id: z.string(),
  question: z.string(),
  category: z.enum(consultationCategories),
  score: z.number(),
});
export const suggestResponse = z.object({ items: z.array(suggestion) });
