import { marked } from "marked";
import sanitizeHtml from "sanitize-html";

/**
 * The one Markdown renderer and sanitiser: notices, minutes, challenges and their comments, FAQ answers
 * and engagement comments all go through it, so formatted text looks and is filtered the same everywhere.
 * GitHub-flavoured Markdown (tables, strikethrough), a single line break is kept as a break (how Japanese
 * authors write). The HTML then passes an allow-list: no scripts, styles, iframes, forms or event
 * handlers; links only http(s)/mailto, opened in a new tab without handing over the opener; images only
 * as data: URLs (nothing is fetched from another origin).
 */
export function renderMarkdown(md: string): string {
  const html = marked.parse(md, { async: false, gfm: true, breaks: true });
  return sanitizeHtml(html, {
    allowedTags: [
      ...["p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code"],
      ...["ul", "ol", "li", "strong", "em", "del", "ins", "sup", "sub", "a", "img"],
      ...["table", "thead", "tbody", "tr", "th", "td"],
    ],
    allowedAttributes: {
      a: ["href", "title", "rel", "target"],
      img: ["src", "alt", "title"],
      td: ["align"],
      th: ["align"],
      ol: ["start"],
    },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["data"] },
    transformTags: {
      a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer", target: "_blank" }),
    },
  });
}
