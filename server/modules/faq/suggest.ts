import type { Ctx } from "../../platform/context.js";
import { publishedArticles, publishedStamp } from "./repo.js";

/**
 * Suggesting published articles while a clerk types: character bigrams of the typed subject and
 * body against each article's question and answer. Bigrams suit Japanese (no spaces between
 * words) and need no dictionary; pairs of hiragana are dropped, since they are mostly particles
 * and endings (について, します) that every text shares.
 */
const hiragana = /^[\u3041-\u309f]{2}$/;

export function bigrams(text: string): Set<string> {
  const clean = text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, " ");
  const out = new Set<string>();
  for (const word of clean.split(" ")) {
    if (word.length === 1) continue;
    for (let i = 0; i + 1 < word.length; i++) {
      const g = word.slice(i, i + 2);
      if (!hiragana.test(g)) out.add(g);
    }
  }
  return out;
}

/** Cosine similarity of two bigram sets. */
export function similarity(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const g of small) if (large.has(g)) shared++;
  return shared / Math.sqrt(a.size * b.size);
}

interface Entry {
  id: string;
  question: string;
  category: string;
  q: Set<string>;
  a: Set<string>;
}

/** The question weighs more than the answer: a clerk types a question. */
export const score = (typed: Set<string>, e: Pick<Entry, "q" | "a">) =>
  0.65 * similarity(typed, e.q) + 0.35 * similarity(typed, e.a);
const minScore = 0.12;

/**
 * Published articles' bigrams, cached per process and rebuilt when the published set changes
 * (count or latest update differ), so several instances stay correct without messaging.
 */
let cache: { key: string; entries: Entry[] } | null = null;

async function entries(ctx: Ctx): Promise<Entry[]> {
  const v = await publishedStamp(ctx);
  const key = `${v.n}:${v.latest ?? ""}:${ctx.engine}`;
  if (cache?.key === key) return cache.entries;
  const rows = await publishedArticles(ctx);
  cache = {
    key,
    entries: rows.map((r) => ({
      id: r.id,
      question: r.question,
      category: r.category,
      q: bigrams(r.question),
      a: bigrams(r.answer),
    })),
  };
  return cache.entries;
}

export async function suggestArticles(ctx: Ctx, text: string, limit = 5) {
  const typed = bigrams(text.slice(0, 4000));
  if (typed.size < 2) return [];
  const scored: { id: string; question: string; category: string; score: number }[] = [];
  for (const e of await entries(ctx)) {
    const s = score(typed, e);
    if (s >= minScore) scored.push({ id: e.id, question: e.question, category: e.category, score: Math.round(s * 1000) / 1000 });
  }
  return scored.sort((a, b) => b.score - a.score).slice(0, limit);
}
