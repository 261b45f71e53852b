/** The demo council seeded by `renkei start` on an empty database (see server/modules/demo/seed.ts). */
export const demoPassword = process.env.RENKEI_DEMO_PASSWORD ?? "Demo-Password-2026";

export const demoUsers = {
  admin: "admin@example.jp",
  secretariat: "secretariat@example.jp",
  specialist: "specialist@example.jp",
  observer: "observer@example.jp",
  /** 山口市, organisation admin. */
  yamaguchi: "yamaguchi@example.jp",
  /** 周南市. */
  shunan: "shunan@example.jp",
  /** 阿武町, organisation admin (a small town). */
  abu: "abu@example.jp",
  kaminoseki: "kaminoseki@example.jp",
  mine: "mine@example.jp",
} as const;

export const demoBodies = {
  hq: "山口県デジタル推進本部",
  council: "山口県デジタル・ガバメント構築連携会議",
  wgStandard: "情報システムの標準化・共通化WG",
  wgOnline: "行政手続オンライン化WG",
  wgRpa: "RPA等共同利用WG",
  divide: "デジタルデバイド対策専門部会",
} as const;
