/**
 * Normalises text for the index and for queries alike: NFKC folds full-width Latin letters and
 * digits (ＤＸ → DX), half-width katakana (ｶﾞﾊﾞﾒﾝﾄ → ガバメント) and compatibility forms, so that a query
 * matches however the author typed it. Whitespace runs collapse to one space; line breaks stay.
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[^\S\n]+/g, " ")
    .replace(/\n\s*\n+/g, "\n")
    .trim();
}

/** A query split into terms (AND): by whitespace, each normalised, duplicates and empties dropped. */
export function queryTerms(query: string): string[] {
  const terms = normalizeText(query)
    .split(/\s+/)
    .filter((t) => t.length > 0);
  return [...new Set(terms)].slice(0, 8);
}
