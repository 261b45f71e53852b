import { isPrefectureStaff } from "../../platform/context.js";
import { definePolicies } from "../../platform/policy/authorize.js";

/** Published articles are for every member; drafts and editing are the prefecture staff's. */
definePolicies({
  "faq.read": (a, f?: { status: string }) => f?.status === "published" || isPrefectureStaff(a),
  "faq.manage": (a) => isPrefectureStaff(a),
  "faq.publish": (a, f?: { status: string }) => isPrefectureStaff(a) && f?.status === "draft",
  "faq.unpublish": (a, f?: { status: string }) => isPrefectureStaff(a) && f?.status === "published",
  "faq.suggest": () => true,
});
