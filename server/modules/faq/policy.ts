import { isPrefectureStaff } from "../../platform/context.js";
import { type ActionsOf, definePolicies, type Policies } from "../../platform/policy/authorize.js";

/** Published articles are for every member; drafts and editing are the prefecture staff's. */
const policies = {
  "faq.read": (a, f?: { status: string }) => f?.status === "published" || isPrefectureStaff(a),
  "faq.manage": (a) => isPrefectureStaff(a),
  "faq.publish": (a, f?: { status: string }) => isPrefectureStaff(a) && f?.status === "draft",
  "faq.unpublish": (a, f?: { status: string }) => isPrefectureStaff(a) && f?.status === "published",
  "faq.suggest": () => true,
} satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

/** The audit events this module records (recordAudit refuses any other name at compile time). */
type FaqEvent = "faq.create" | "faq.createFromConsultation" | "faq.delete" | "faq.publish" | "faq.unpublish" | "faq.update";
declare module "../../platform/audit/record.js" {
  interface AuditEvents extends Record<FaqEvent, true> {}
}
