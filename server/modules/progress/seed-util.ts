import { addDays } from "../../../shared/dates/calendar.js";
import type { RecordData } from "./rules.js";

/** A small deterministic PRNG (mulberry32) so the demo — and the tests on it — are the same every time. */
export function prng(seed: string) {
  let h = 1779033703;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86400_000);
export const dateBetween = (r: () => number, from: string, to: string) => addDays(from, Math.floor(r() * (days(from, to) + 1)));
const atOf = (ymd: string) => `${ymd}T01:00:00.000Z`; // 10:00 in Japan

/** Snapshots of a record at a window start and at the last event of each later month. */
export function snapshots(windowStart: string, events: string[], at: (d: string) => RecordData, noteAt?: Record<string, string>) {
  const lastInMonth = new Map<string, string>();
  for (const e of events) {
    if (e <= windowStart) continue;
    const cur = lastInMonth.get(e.slice(0, 7));
    if (!cur || e > cur) lastInMonth.set(e.slice(0, 7), e);
  }
  const dates = [windowStart, ...[...lastInMonth.values()].sort()];
  return dates.map((d) => ({ at: atOf(d), data: at(d), note: noteAt?.[d] ?? null }));
}
