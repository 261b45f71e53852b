import { z } from "zod";
import { isoDate } from "./common.js";
import { pageQuery } from "./paging.js";

export const searchKinds = ["notice", "document", "challenge", "meeting", "faq", "consultation"] as const;
export type SearchKindName = (typeof searchKinds)[number];
export const searchKindLabels: Record<SearchKindName, { ja: string; en: string }> = {
  notice: { ja: "お知らせ", en: "Notices" },
  document: { ja: "資料", en: "Documents" },
  challenge: { ja: "課題", en: "Challenges" },
  meeting: { ja: "会議", en: "Meetings" },
  faq: { ja: "FAQ", en: "FAQ" },
  consultation: { ja: "相談", en: "Consultations" },
};

export const searchQuery = z
  .object({
    q: z.string().trim().min(1, "検索する言葉を入力してください").max(100, "検索語は100文字以内にしてください"),
    /** Comma-separated kinds, e.g. "notice,document"; empty = all kinds. */
    kinds: z
      .string()
      .optional()
      .transform((s) => (s ? s.split(",").filter(Boolean) : []))
      .pipe(z.array(z.enum(searchKinds, { error: "種類の指定が正しくありません" }))),
    from: isoDate.optional(),
    to: isoDate.optional(),
    limit: pageQuery.shape.limit,
    // Deep pages of a text search are not read; the cap bounds the ranking work.
    offset: pageQuery.shape.offset.pipe(
      z.number().max(10_000, { error: "これ以上先の検索結果は表示できません。条件を絞り込んでください" }),
    ),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], error: "終了日は開始日以降にしてください" });

const searchHit = z.object({
  kind: z.enum(searchKinds),
  refId: z.string(),
  title: z.string(),
  /** The title, HTML-escaped, with matches wrapped in <mark>. */
  titleHtml: z.string(),
  /** An excerpt around the first match, HTML-escaped, with matches wrapped in <mark>. */
  snippetHtml: z.string(),
  date: z.string().nullable(),
  link: z.string(),
});
export type SearchHit = z.infer<typeof searchHit>;

export const searchResult = z.object({
  items: z.array(searchHit),
  /** True when more hits follow this page (the total is not counted: short queries would scan everything). */
  hasMore: z.boolean(),
  /** The terms the query was split into (after normalisation), for the UI to echo. */
  terms: z.array(z.string()),
});
export type SearchResult = z.infer<typeof searchResult>;
