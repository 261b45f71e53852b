/** The progress module's public face beside its service: one municipality's record of an item. */
export { getRecord } from "./records.js";
