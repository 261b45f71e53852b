/**
 * The one normalisation of what people type into spreadsheets: full-width ASCII (digits, letters,
 * punctuation such as ０１２ Ａ － ／ ．) becomes half-width and the ideographic space (U+3000)
 * becomes a space; the result is trimmed. Japanese text is left as it is (no NFKC on kana).
 */
export const halfWidth = (s: string): string =>
  s
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ")
    .trim();

/**
 * Two codes name the same thing when they are equal, or when both are digits a spreadsheet may
 * have shortened ("01" saved as "1"): equal as numbers.
 */
export const sameCode = (a: string, b: string): boolean =>
  a === b || (/^\d+$/.test(a) && /^\d+$/.test(b) && a.replace(/^0+(?=\d)/, "") === b.replace(/^0+(?=\d)/, ""));
