import { type RadarComponentKey, radarComponentKeys, radarComponents } from "../../../shared/api/insight.js";

/** The support-priority radar's rules: pure functions of the counts, so the page and the tests agree. */

export type RadarCounts = Record<RadarComponentKey, number>;

const round1 = (n: number) => Math.round(n * 10) / 10;

export function radarScore(counts: RadarCounts) {
  const components = radarComponentKeys.map((key) => {
    const { cap, weight } = radarComponents[key];
    return { key, value: counts[key], points: round1(weight * Math.min(1, counts[key] / cap)) };
  });
  return { components, score: round1(components.reduce((s, c) => s + c.points, 0)) };
}

/**
 * Shares `capacity` whole hours in proportion to the scores (largest remainder; ties to the higher score,
 * then the earlier in the list). Never more than the capacity; exactly it when any score is positive.
 * Scores are taken in tenths as integers, so the shares are exact integer arithmetic.
 */
export function allocateHours(scores: number[], capacity: number): number[] {
  const cap = Math.max(0, Math.floor(capacity));
  const weights = scores.map((s) => (Number.isFinite(s) && s > 0 ? Math.round(s * 10) : 0));
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0 || cap === 0) return weights.map(() => 0);
  const out = weights.map((w) => Math.floor((w * cap) / total));
  let left = cap - out.reduce((a, b) => a + b, 0);
  const order = weights
    .map((w, i) => ({ i, rem: (w * cap) % total, w }))
    .filter((o) => o.w > 0)
    .sort((a, b) => b.rem - a.rem || b.w - a.w || a.i - b.i);
  for (const o of order) {
    if (left <= 0) break;
    out[o.i]! += 1;
    left--;
  }
  return out;
}

/** Ranks from 1, ties sharing the mean of their positions. */
function ranks(values: number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const out = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.v === order[start]!.v) end++;
    const mean = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) out[order[k]!.i] = mean;
    start = end + 1;
  }
  return out;
}

/**
 * Spearman's rank correlation (Pearson's on the ranks, so ties are handled), rounded to two decimals;
 * null when fewer than two values or when either side does not vary.
 */
export function spearman(xs: number[], ys: number[]): number | null {
  if (xs.length < 2 || xs.length !== ys.length) return null;
  const rx = ranks(xs);
  const ry = ranks(ys);
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  const mx = mean(rx);
  const my = mean(ry);
  let num = 0;
  let dx = 0;
  let dy = 0;
  for (let i = 0; i < rx.length; i++) {
    num += (rx[i]! - mx) * (ry[i]! - my);
    dx += (rx[i]! - mx) ** 2;
    dy += (ry[i]! - my) ** 2;
  }
  if (dx === 0 || dy === 0) return null;
  return Math.round((num / Math.sqrt(dx * dy)) * 100) / 100;
}
