import { marked } from "marked";
import sanitizeHtml from "sanitize-html";

/**
 * Markdown to safe HTML for notices, challenges and comments. Authors are trusted staff, but the HTML
 * still goes through an allow-list: no scripts, styles, iframes or event handlers; links only
 * http(s)/mailto and opened without handing over the opener.
 */
export function renderMarkdown(md: string): string {
  const html = marked.parse(md, { async: false, gfm: true, breaks: true });
  return sanitizeHtml(html, {
    allowedTags: [
      ...["p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code"],
      ...["ul", "ol", "li", "strong", "em", "del", "a", "table", "thead", "tbody", "tr", "th", "td"],
    ],
    allowedAttributes: { a: ["href", "title", "rel", "target"], td: ["align"], th: ["align"], ol: ["start"] },
    allowedSchemes: ["http", "https", "mailto"],
    transformTags: {
      a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer", target: "_blank" }),
    },
  });
}
