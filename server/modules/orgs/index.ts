/** The orgs module's public face for other modules: its service and its repository's reads. */

export { findOrgByCode, findOrgContactRow, findOrgRow, listOrgRows, type OrgRow, prefectureWithContact } from "./repo.js";
export * from "./service.js";
