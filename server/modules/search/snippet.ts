import { escapeHtml } from "../../platform/text/html.js";
import { normalizeText } from "./normalize.js";

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One case-insensitive pattern for every term, longest first so overlapping terms mark the longer one. */
function termPattern(terms: string[]): RegExp | null {
  if (terms.length === 0) return null;
  const parts = [...terms].sort((a, b) => b.length - a.length).map(escapeRegex);
  return new RegExp(parts.join("|"), "giu");
}

/** Escapes text and wraps every match of the pattern in <mark>. */
function markMatches(text: string, pattern: RegExp | null): string {
  if (!pattern) return escapeHtml(text);
  let out = "";
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    out += `${escapeHtml(text.slice(last, m.index))}<mark>${escapeHtml(m[0])}</mark>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/**
 * An excerpt of about `width` characters around the first match in the body (the indexed text minus
 * its first line, which is the title), escaped and marked. Without a match in the body, its opening.
 */
export function snippet(searchText: string, terms: string[], width = 120): string {
  const newline = searchText.indexOf("\n");
  const body = (newline >= 0 ? searchText.slice(newline + 1) : "").replace(/\s+/g, " ").trim();
  const pattern = termPattern(terms);
  const first = pattern ? body.search(new RegExp(pattern.source, "iu")) : -1;
  const start = first < 0 ? 0 : Math.max(0, Math.min(first - Math.floor(width / 3), body.length - width));
  const end = Math.min(body.length, start + width);
  // Do not cut a surrogate pair in half.
  const s = /[\udc00-\udfff]/.test(body[start] ?? "") ? start + 1 : start;
  const e = /[\ud800-\udbff]/.test(body[end - 1] ?? "") ? end - 1 : end;
  return `${s > 0 ? "…" : ""}${markMatches(body.slice(s, e), pattern)}${e < body.length ? "…" : ""}`;
}

/** The title as it was indexed (normalised), escaped and marked. */
export const markTitle = (title: string, terms: string[]) => markMatches(normalizeText(title), termPattern(terms));
