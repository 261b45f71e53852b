/**
 * Failures per key within a window, in this process's memory (like the rate limiter's store). Used
 * where a request rate per address and account is not enough: failed sign-ins per address across
 * accounts (password spraying) and failed TOTP codes per account across addresses and sessions.
 */
export class FailureCounter {
  private readonly hits = new Map<string, number[]>();

  private recent(key: string, windowMs: number, now: number) {
    const list = (this.hits.get(key) ?? []).filter((t) => t > now - windowMs);
    if (list.length === 0) this.hits.delete(key);
    else this.hits.set(key, list);
    return list;
  }

  /** True when the key has `max` failures within the last `windowMs`. */
  blocked(key: string, max: number, windowMs: number, now = Date.now()): boolean {
    return this.recent(key, windowMs, now).length >= max;
  }

  fail(key: string, windowMs: number, now = Date.now()): void {
    if (this.hits.size > 50_000) for (const k of [...this.hits.keys()]) this.recent(k, windowMs, now);
    this.hits.set(key, [...this.recent(key, windowMs, now), now]);
  }

  clear(key: string): void {
    this.hits.delete(key);
  }
}
