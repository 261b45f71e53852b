/** Kept for branches written before the renderer moved; import from platform/text/markdown.ts. */
export { renderMarkdown } from "../../platform/text/markdown.js";
