/** Exact non-negative-denominator fractions over BigInt: money is never a floating-point number. */
export interface Rational {
  n: bigint;
  d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y) [x, y] = [y, x % y];
  return x || 1n;
};

export function rat(n: bigint, d = 1n): Rational {
  if (d === 0n) throw new RangeError("division by zero");
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return { n: n / g, d: d / g };
}

export const ZERO = rat(0n);
const add = (a: Rational, b: Rational) => rat(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rational, b: Rational) => rat(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rational, b: Rational) => rat(a.n * b.n, a.d * b.d);
export const div = (a: Rational, b: Rational) => rat(a.n * b.d, a.d * b.n);
export const cmp = (a: Rational, b: Rational) => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const sum = (xs: Iterable<Rational>) => {
  let s = ZERO;
  for (const x of xs) s = add(s, x);
  return s;
};

/** The largest integer not above x (also right for negative x). */
export function floor(x: Rational): bigint {
  const q = x.n / x.d;
  return x.n < 0n && q * x.d !== x.n ? q - 1n : q;
}

/** Rounded half up: floor(x + 1/2). */
export const halfUp = (x: Rational) => floor(add(x, rat(1n, 2n)));

/** A decimal string such as "93.5" or "12.125" as an exact fraction (no exponent, no sign). */
export function parseDecimal(s: string): Rational | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s.trim());
  if (!m) return null;
  const frac = m[2] ?? "";
  return rat(BigInt(m[1]! + frac), 10n ** BigInt(frac.length));
}

/** The fraction as a decimal string with `places` digits (truncated), e.g. for showing an exact share. */
export function toDecimal(x: Rational, places = 4): string {
  const scaled = floor(mul(x, rat(10n ** BigInt(places))));
  const s = (scaled < 0n ? -scaled : scaled).toString().padStart(places + 1, "0");
  const head = `${scaled < 0n ? "-" : ""}${s.slice(0, s.length - places)}`;
  return places ? `${head}.${s.slice(-places)}` : head;
}
