/** Kysely table types of the shared FAQ (migration 0400-desk). */
export interface FaqArticlesTable {
  id: string;
  category: "standardisation" | "online" | "rpa_ocr" | "divide" | "security" | "other";
  question: string;
  answer: string;
  status: "draft" | "published";
  source_consultation_id: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface FaqTables {
  faq_articles: FaqArticlesTable;
}
