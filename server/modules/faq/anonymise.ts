import type { Finding } from "../../../shared/api/faq.js";

/**
 * Removing the filing organisation and its people from a consultation before it becomes an FAQ
 * article every municipality reads. Pure functions: the service gathers the terms.
 */
export interface IdentifyingTerms {
  /** The organisation's names: "上関町" and its short form "上関". */
  orgNames: string[];
  /** The generic stand-in for the organisation, e.g. "〇〇町". */
  orgPlaceholder: string;
  /** People's names in the forms they are written: "上関 さくら", "上関さくら". */
  personNames: string[];
}

const email = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
// Japanese landline and mobile numbers: 0820-62-0000, 090-1234-5678, (0820)62-0000
const phone = /(?:\(0\d{1,4}\)|0\d{1,4})[-‐－ ]?\d{1,4}[-‐－ ]\d{3,4}/g;

/** The forms a name appears in, longest first so "上関町" is replaced before "上関". */
export function termsFor(org: { name: string; kind: string }, people: string[]): IdentifyingTerms {
  const short = org.name.replace(/[市町村]$/, "");
  const orgNames = [org.name, ...(short.length >= 2 && short !== org.name ? [short] : [])];
  const suffix = org.kind === "city" ? "市" : org.kind === "village" ? "村" : org.kind === "town" ? "町" : "";
  return { orgNames: orgNames.sort(byLength), orgPlaceholder: `〇〇${suffix}`, personNames: personForms(people) };
}

const byLength = (a: string, b: string) => b.length - a.length;

/** People's names as written with and without the space between family and given name, longest first. */
export function personForms(people: string[]): string[] {
  const forms = people.flatMap((p) => {
    const trimmed = p.trim();
    const joined = trimmed.replace(/[\s　]+/g, "");
    return [...new Set([trimmed, joined])].filter((n) => n.length >= 2);
  });
  return [...new Set(forms)].sort(byLength);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function anonymise(text: string, t: IdentifyingTerms): string {
  let out = text.replace(email, "（メールアドレス）").replace(phone, "（電話番号）");
  for (const p of t.personNames) out = out.replace(new RegExp(`${escapeRe(p)}(さん|様|氏)?`, "g"), "担当者");
  for (const o of t.orgNames) out = out.replace(new RegExp(escapeRe(o), "g"), t.orgPlaceholder);
  return out;
}

/** What still identifies the organisation or a person; publication is refused while any remain. */
export function findIdentifying(fields: { question: string; answer: string }, t: IdentifyingTerms): Finding[] {
  return findIdentifyingIn(
    (["question", "answer"] as const).map((field) => ({ where: field, text: fields[field] })),
    t,
  ).map(({ where, ...f }) => ({ ...f, field: where }));
}

/** The same check over any labelled texts (the public site's preview runs it over everything it will show). */
export function findIdentifyingIn<W extends string>(
  texts: { where: W; text: string }[],
  t: IdentifyingTerms,
): { kind: Finding["kind"]; term: string; where: W }[] {
  const out: { kind: Finding["kind"]; term: string; where: W }[] = [];
  for (const { where, text } of texts) {
    const seen = new Set<string>();
    const add = (kind: Finding["kind"], term: string) => {
      if (seen.has(`${kind}:${term}`)) return;
      seen.add(`${kind}:${term}`);
      out.push({ kind, term, where });
    };
    for (const o of t.orgNames) if (text.includes(o)) add("org", o);
    for (const p of t.personNames) if (text.includes(p)) add("person", p);
    for (const m of text.match(email) ?? []) add("email", m);
    for (const m of text.match(phone) ?? []) add("phone", m);
  }
  return out;
}
