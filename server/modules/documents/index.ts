/** The documents module's public face beside its service: text extraction of attachments for search. */
export { extractText } from "./extract.js";
