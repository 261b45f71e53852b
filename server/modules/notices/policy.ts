import type { Actor } from "../../platform/context.js";
import { type ActionsOf, definePolicies, type Policies } from "../../platform/policy/authorize.js";

/** What the rules need to know of a notice and the actor's standing towards it. */
export interface NoticeSubject {
  status: "draft" | "scheduled" | "published" | "archived";
  required: boolean;
  /** The notice has no body, or the actor may see its body. */
  bodyVisible: boolean;
  /** The actor personally chairs or runs the secretariat of the notice's body. */
  runsBody: boolean;
}

const runsCouncil = (a: Actor) => a.role === "admin" || a.role === "secretariat";
const edits = (a: Actor, n?: NoticeSubject) => runsCouncil(a) || !!n?.runsBody;
const isOut = (n?: NoticeSubject) => n?.status === "published" || n?.status === "archived";

const policies = {
  /** Anyone signed in lists notices; the query itself keeps to what they may read. */
  "notice.list": () => true,
  /** The secretariat posts notices; a body's chair or secretariat may post to that body. */
  "notice.create": (a, n?: Pick<NoticeSubject, "runsBody">) => runsCouncil(a) || !!n?.runsBody,
  "notice.read": (a, n?: NoticeSubject) => edits(a, n) || (isOut(n) && !!n?.bodyVisible),
  "notice.edit": edits,
  "notice.publish": edits,
  "notice.delete": (a, n?: NoticeSubject) => edits(a, n) && (n?.status === "draft" || n?.status === "scheduled"),
  "notice.markRead": (_a, n?: NoticeSubject) => isOut(n) && !!n?.bodyVisible,
  "notice.viewReads": (a, n?: NoticeSubject) => edits(a, n) && isOut(n),
  "notice.remind": (a, n?: NoticeSubject) => edits(a, n) && n?.status === "published" && !!n?.required,
} satisfies Policies;
definePolicies(policies);
declare module "../../platform/policy/authorize.js" {
  interface Actions extends ActionsOf<typeof policies> {}
}

/** The audit events this module records (recordAudit refuses any other name at compile time). */
type NoticesEvent =
  | "notice.archive"
  | "notice.attach"
  | "notice.create"
  | "notice.delete"
  | "notice.detach"
  | "notice.pin"
  | "notice.publish"
  | "notice.read"
  | "notice.remind"
  | "notice.schedule"
  | "notice.unarchive"
  | "notice.unpin"
  | "notice.unpublish"
  | "notice.update";
declare module "../../platform/audit/record.js" {
  interface AuditEvents extends Record<NoticesEvent, true> {}
}
