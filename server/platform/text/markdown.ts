import { marked } from "marked";
import { sanitizeHtml as lazySanitizeHtml } from "../lazy-libs.js";

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
  const sanitizeHtml = lazySanitizeHtml();
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

type Token = { type: string; raw?: string; text?: string; tokens?: Token[]; items?: Token[] } & Record<string, unknown>;
type Cell = { tokens: Token[] };

const inline = (tokens: Token[] | undefined): string => (tokens ?? []).map(tokenText).join("");

function tokenText(t: Token): string {
  switch (t.type) {
    case "space":
    case "hr":
      return "";
    case "br":
      return "\n";
    case "html":
      return (t.text ?? "").replace(/<[^>]*>/g, " ");
    case "list":
      return (t.items ?? []).map((i) => inline(i.tokens)).join("\n");
    case "table": {
      const header = (t.header as Cell[]).map((c) => inline(c.tokens)).join(" ");
      const rows = (t.rows as Cell[][]).map((r) => r.map((c) => inline(c.tokens)).join(" "));
      return [header, ...rows].join("\n");
    }
    case "image":
      return t.text ?? "";
    case "code":
    case "codespan":
      return t.text ?? "";
    default:
      return t.tokens ? inline(t.tokens) : (t.text ?? "");
  }
}

/**
 * The words of a Markdown text without its formatting marks (headings, emphasis, list bullets, table
 * pipes, link targets): what search indexes and cuts its snippets from. Blocks are separated by line breaks.
 */
export function markdownToText(md: string): string {
  return (marked.lexer(md, { gfm: true, breaks: true }) as unknown as Token[])
    .map(tokenText)
    .filter((s) => s.trim() !== "")
    .join("\n");
}
