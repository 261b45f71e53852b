/** Japanese era (和暦) and fiscal-year (年度, April–March) helpers. Dates are "YYYY-MM-DD". */

const eras = [
  { name: "令和", en: "Reiwa", start: "2019-05-01" },
  { name: "平成", en: "Heisei", start: "1989-01-08" },
  { name: "昭和", en: "Showa", start: "1926-12-25" },
] as const;

/** The era year of a Western year; a year that straddles two eras takes the newer one (2019 → 令和元年). */
export function eraYear(year: number): { era: string; en: string; n: number } {
  for (const e of eras) {
    const startYear = Number(e.start.slice(0, 4));
    if (year >= startYear) return { era: e.name, en: e.en, n: year - startYear + 1 };
  }
  return { era: "", en: "", n: year };
}

const nen = (n: number) => (n === 1 ? "元" : String(n));

/** 「令和7年度」 for 2025; with `western`, 「令和7年度（2025年度）」. */
export function fiscalYearLabel(fy: number, opts: { western?: boolean } = {}): string {
  const { era, n } = eraYear(fy);
  return `${era}${nen(n)}年度${opts.western ? `（${fy}年度）` : ""}`;
}

/** 「令和7年10月1日」 for "2025-10-01" (era chosen by the exact date). */
export function warekiDate(ymd: string): string {
  const era = eras.find((e) => ymd >= e.start);
  const y = Number(ymd.slice(0, 4));
  const m = Number(ymd.slice(5, 7));
  const d = Number(ymd.slice(8, 10));
  if (!era) return `${y}年${m}月${d}日`;
  return `${era.name}${nen(y - Number(era.start.slice(0, 4)) + 1)}年${m}月${d}日`;
}

const eraInitials: Record<string, string> = { R: "令和", H: "平成", S: "昭和", 令: "令和", 平: "平成", 昭: "昭和" };

/**
 * A date as clerks write it in spreadsheets, to "YYYY-MM-DD", or null when it is not a real date:
 * 「令和7年4月1日」「令和元年5月1日」「R7.4.1」「H31/4/30」「2025/4/1」「2025年4月1日」「2025-04-01」,
 * full-width digits included. An era year before the era began (令和1年4月1日) is not a date.
 */
export function parseJapaneseDate(text: string): string | null {
  const t = text.normalize("NFKC").replace(/\s/g, "");
  let y: number;
  let m: number;
  let d: number;
  const era = /^(令和|平成|昭和|[RHS令平昭])(元|\d{1,2})[年./-](\d{1,2})[月./-](\d{1,2})日?$/i.exec(t);
  if (era) {
    const name = eras.find((e) => e.name === (eraInitials[era[1]!.toUpperCase()] ?? era[1]));
    if (!name) return null;
    y = Number(name.start.slice(0, 4)) + (era[2] === "元" ? 1 : Number(era[2])) - 1;
    m = Number(era[3]);
    d = Number(era[4]);
    const ymd = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    return realDate(y, m, d) && ymd >= name.start ? ymd : null;
  }
  const west = /^(\d{4})[年./-](\d{1,2})[月./-](\d{1,2})日?$/.exec(t);
  if (!west) return null;
  y = Number(west[1]);
  m = Number(west[2]);
  d = Number(west[3]);
  return realDate(y, m, d) ? `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` : null;
}

const realDate = (y: number, m: number, d: number) => {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};
