/** Roles and their labels, without Zod: the app shell shows them on every page (users.ts has the schemas). */
export const roles = ["admin", "secretariat", "specialist", "municipal", "observer"] as const;
export type RoleName = (typeof roles)[number];
export const roleLabels: Record<RoleName, { ja: string; en: string }> = {
  admin: { ja: "システム管理者", en: "Administrator" },
  secretariat: { ja: "事務局", en: "Secretariat" },
  specialist: { ja: "専門人材", en: "Specialist" },
  municipal: { ja: "市町村職員", en: "Municipal staff" },
  observer: { ja: "オブザーバー", en: "Observer" },
};
