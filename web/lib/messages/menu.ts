/** Menu labels of the features whose other strings load with their pages (features/<name>/messages.ts). */
export const menu = {
  "nav.procurement": ["共同調達・費用按分", "Joint procurement"],
  "nav.handover": ["人事異動", "Personnel changes"],
  "nav.handoverMine": ["引継ぎ書", "My handover"],
  "nav.directory": ["ディレクトリ同期", "Directory sync"],
  "search.box": ["サイト内検索", "Search this site"],
  "nav.search": ["検索", "Search"],
  "nav.notices": ["お知らせ・国の動向", "Notices"],
  "nav.documents": ["資料ライブラリ", "Document library"],
  "nav.challenges": ["課題共有", "Challenges board"],
  "nav.yearPlan": ["年間計画", "Yearly plan"],
  "nav.datePolls": ["日程調整", "Date polls"],
  "nav.publication": ["公開サイト", "Public site"],
  "nav.consultations": ["相談窓口", "Consultation desk"],
  "nav.faq": ["よくある質問（FAQ）", "FAQ"],
  "nav.support": ["伴走支援", "Hands-on support"],
  "nav.meetings": ["会議", "Meetings"],
} as const;
