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
