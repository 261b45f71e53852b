import type { MessageKey } from "../lib/messages/index.js";

/** Abilities from /api/me that unlock admin screens. */
export type Ability =
  | "manageOrgs"
  | "manageUsers"
  | "bulkUsers"
  | "manageHandover"
  | "manageBodies"
  | "viewAudit"
  | "viewOutbox"
  | "manageSettings"
  | "useDesk"
  | "useSupport"
  | "useSurveys"
  | "managePublication"
  | "useInsight"
  | "syncDirectory";

export interface NavItem {
  to: string;
  label: MessageKey;
  group: "main" | "admin";
  /** Shown only when /api/me's abilities allow it. */
  ability?: Ability;
  /** Active only on the exact path (home). */
  end?: boolean;
}

/** The side navigation. Later features (meetings, surveys, …) add their entries here. */
export const navItems: NavItem[] = [
  { to: "/", label: "nav.home", group: "main", end: true },
  { to: "/meetings", label: "nav.meetings", group: "main" },
  { to: "/year-plan", label: "nav.yearPlan", group: "main" },
  { to: "/date-polls", label: "nav.datePolls", group: "main" },
  { to: "/notices", label: "nav.notices", group: "main" },
  { to: "/progress", label: "nav.progress", group: "main" },
  { to: "/surveys", label: "nav.surveys", group: "main", ability: "useSurveys" },
  { to: "/documents", label: "nav.documents", group: "main" },
  { to: "/challenges", label: "nav.challenges", group: "main" },
  { to: "/procurement", label: "nav.procurement", group: "main" },
  { to: "/insight", label: "nav.insight", group: "main", ability: "useInsight" },
  { to: "/search", label: "nav.search", group: "main" },
  { to: "/consultations", label: "nav.consultations", group: "main", ability: "useDesk" },
  { to: "/faq", label: "nav.faq", group: "main" },
  { to: "/support", label: "nav.support", group: "main", ability: "useSupport" },
  { to: "/bodies", label: "nav.bodies", group: "main" },
  { to: "/orgs", label: "nav.orgs", group: "main" },
  { to: "/notifications", label: "nav.notifications", group: "main" },
  { to: "/handover/mine", label: "nav.handoverMine", group: "main" },
  { to: "/users", label: "nav.users", group: "admin", ability: "manageUsers" },
  { to: "/handover", label: "nav.handover", group: "admin", ability: "manageHandover" },
  { to: "/admin/directory", label: "nav.directory", group: "admin", ability: "syncDirectory" },
  { to: "/orgs/import", label: "nav.orgImport", group: "admin", ability: "manageOrgs" },
  { to: "/audit", label: "nav.audit", group: "admin", ability: "viewAudit" },
  { to: "/admin/outbox", label: "nav.outbox", group: "admin", ability: "viewOutbox" },
  { to: "/admin/settings", label: "nav.settings", group: "admin", ability: "manageSettings" },
  { to: "/publication", label: "nav.publication", group: "admin", ability: "managePublication" },
];
