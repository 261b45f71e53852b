import { halfWidth } from "./normalise.js";

/**
 * 全国地方公共団体コード: five digits plus a check digit.
 * s = 6·d1 + 5·d2 + 4·d3 + 3·d4 + 2·d5; check = (11 − s mod 11) mod 10.
 */
export function lgCheckDigit(five: string): number {
  const d = [...five].map(Number);
  const s = 6 * d[0]! + 5 * d[1]! + 4 * d[2]! + 3 * d[3]! + 2 * d[4]!;
  return (11 - (s % 11)) % 10;
}

export function isValidLgCode(code: string): boolean {
  return /^\d{6}$/.test(code) && lgCheckDigit(code.slice(0, 5)) === Number(code[5]);
}

/**
 * A six-digit code as typed or as a spreadsheet left it: full-width digits made half-width, and the
 * leading zero that Excel drops from a number (北海道札幌市 011002 → 11002) restored when the check
 * digit confirms it. Anything else is returned unchanged, for the caller's validation to name.
 */
export function restoreLgCode(raw: string): string {
  const s = halfWidth(raw);
  return /^\d{5}$/.test(s) && isValidLgCode(`0${s}`) ? `0${s}` : s;
}
