/**
 * The one HTML escaping helper, and a tagged template built on it for server-rendered pages (the public
 * council site): every interpolated value is escaped unless it is already `SafeHtml` (another template,
 * or text the Markdown renderer sanitised, wrapped with `trustedHtml`). Arrays are joined.
 */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export class SafeHtml {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

/** Marks HTML that is already safe (the Markdown renderer's sanitised output). */
export const trustedHtml = (s: string) => new SafeHtml(s);

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

const piece = (v: Part): string => {
  if (v === null || v === undefined || v === false) return "";
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(piece).join("");
  return escapeHtml(String(v));
};

export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += piece(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}
