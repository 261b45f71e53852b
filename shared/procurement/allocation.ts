import { cmp, div, floor, halfUp, mul, type Rational, rat, sub, sum, ZERO } from "./rational.js";

/**
 * The cost-sharing engine (負担金の按分): pure, exact, integer yen. Every amount is a BigInt or an exact
 * fraction of BigInts; rounding happens once, at the end, to the yen.
 *
 * share_i = Σ_c total × pct_c × w_ic / Σ_j w_jc over the components c:
 *   均等割 (equal)       w = months of participation in the fiscal year
 *   人口割 (population)  w = population × months
 *   利用割 (usage)       w = usage (a measured figure for the period: not pro-rated again)
 * A participant for m of the 12 months therefore weighs m/12 of a full-year participant in the
 * equal and population parts; the total is still shared in full among the participants.
 * Minimum and maximum shares are applied exactly before rounding: a bound participant is fixed at its
 * bound and the rest of the total is shared among the others in proportion to their shares (repeated
 * until no bound is crossed). Then each share is rounded (down, or half up) and the remainder — the
 * total less the rounded shares — goes to the prefecture, to the largest share, or one yen each by
 * largest fractional part (Hamilton's method), never to a participant held at a bound.
 */

const PERCENT_SCALE = 10_000; // basis points: 100% = 10,000
export const USAGE_SCALE = 1000n; // usage figures keep three decimals exactly
export type Component = "equal" | "population" | "usage";
const components: Component[] = ["equal", "population", "usage"];
export type Rounding = "down" | "half_up";
export type RemainderRule = "prefecture" | "largest" | "fraction";

export interface AllocationRule {
  /** Basis points per component; they total exactly 10,000. */
  bp: Record<Component, number>;
  rounding: Rounding;
  remainder: RemainderRule;
}

export interface AllocationParticipant {
  key: string;
  name: string;
  isPrefecture: boolean;
  population: bigint | null;
  /** Usage × 1000 (three decimals kept exactly). */
  usage: bigint | null;
  /** Months of participation in the fiscal year, 1–12. */
  months: number;
  min?: bigint | null;
  max?: bigint | null;
}

export interface AllocationShare {
  key: string;
  months: number;
  /** The component parts, each rounded down (for the table's breakdown; the amount is authoritative). */
  parts: Record<Component, bigint>;
  /** The exact share before rounding. */
  exact: Rational;
  /** The remainder yen this participant received (negative when half-up rounding overshot). */
  adjustment: bigint;
  bound: "min" | "max" | null;
  amount: bigint;
}

export interface AllocationIssue {
  /** The participant's key, or null for the rule itself. */
  participant: string | null;
  field: string;
  message: string;
}

export class AllocationError extends Error {
  constructor(readonly issues: AllocationIssue[]) {
    super(issues.map((i) => i.message).join(" "));
  }
}

/** The largest total the engine accepts: 1兆円 (anything above is a typing error, not a contract). */
const MAX_TOTAL = 1_000_000_000_000n;

function checkRule(rule: AllocationRule): AllocationIssue[] {
  const issues: AllocationIssue[] = [];
  for (const c of components) {
    const v = rule.bp[c];
    if (!Number.isInteger(v) || v < 0 || v > PERCENT_SCALE)
      issues.push({ participant: null, field: c, message: "割合は0〜100%で、小数第2位までで入力してください。" });
  }
  const total = components.reduce((s, c) => s + rule.bp[c], 0);
  if (!issues.length && total !== PERCENT_SCALE)
    issues.push({
      participant: null,
      field: "percent",
      message: `均等割・人口割・利用割の割合の合計が${formatBp(total)}%です。合計が100%になるようにしてください。`,
    });
  return issues;
}

export const formatBp = (bp: number) => (bp / 100).toFixed(2).replace(/\.?0+$/, "");

/** Allocates `total` yen; throws AllocationError naming each participant and field that blocks it. */
export function allocate(total: bigint, rule: AllocationRule, participants: AllocationParticipant[]): AllocationShare[] {
  const issues = checkRule(rule);
  if (total < 0n || total > MAX_TOTAL)
    issues.push({ participant: null, field: "total", message: "総額は0円以上1兆円以下で入力してください。" });
  if (!participants.length) issues.push({ participant: null, field: "participants", message: "参加団体がありません。" });
  for (const p of participants) {
    const who = (field: string, message: string) => issues.push({ participant: p.key, field, message: `${p.name}：${message}` });
    if (!Number.isInteger(p.months) || p.months < 1 || p.months > 12)
      who("months", "この年度の参加月数が1〜12か月ではありません。");
    if (rule.bp.population > 0 && (p.population == null || p.population <= 0n)) who("population", "人口がありません。");
    if (rule.bp.usage > 0 && (p.usage == null || p.usage < 0n)) who("usage", "利用量がありません。");
    if (p.min != null && p.min < 0n) who("min", "下限額は0円以上にしてください。");
    if (p.min != null && p.max != null && p.min > p.max) who("max", "上限額が下限額より小さくなっています。");
  }
  if (issues.length) throw new AllocationError(issues);

  // Exact shares per component.
  const weight = (p: AllocationParticipant, c: Component): bigint =>
    c === "equal" ? BigInt(p.months) : c === "population" ? p.population! * BigInt(p.months) : p.usage!;
  const parts = participants.map(() => ({ equal: ZERO, population: ZERO, usage: ZERO }) as Record<Component, Rational>);
  for (const c of components) {
    if (rule.bp[c] === 0) continue;
    const pot = rat(total * BigInt(rule.bp[c]), BigInt(PERCENT_SCALE));
    const all = participants.reduce((s, p) => s + weight(p, c), 0n);
    if (all === 0n)
      throw new AllocationError([
        { participant: null, field: c, message: "利用量の合計が0です。利用割の割合を0%にするか、利用量を入力してください。" },
      ]);
    participants.forEach((p, i) => {
      parts[i]![c] = mul(pot, rat(weight(p, c), all));
    });
  }
  const base = parts.map((x) => sum(components.map((c) => x[c])));
  const { exact, bound } = applyBounds(total, base, participants);

  // Round, then place the remainder.
  const rounded = exact.map((x) => (rule.rounding === "down" ? floor(x) : halfUp(x)));
  const adjustment = participants.map(() => 0n);
  const remainder = total - rounded.reduce((s, x) => s + x, 0n);
  const eligible = participants.map((_, i) => i).filter((i) => !bound[i]);
  if (remainder !== 0n) {
    if (!eligible.length)
      throw new AllocationError([
        {
          participant: null,
          field: "remainder",
          message: "端数を負担できる団体がありません（全団体が上限・下限に達しています）。",
        },
      ]);
    // Largest fractional part first (ties: list order); an overshoot is taken back from the most rounded-up.
    const spread = (left: bigint) => {
      const order = [...eligible].sort(
        (a, b) => cmp(sub(exact[b]!, rat(rounded[b]!)), sub(exact[a]!, rat(rounded[a]!))) || a - b,
      );
      const step = left > 0n ? 1n : -1n;
      if (step < 0n) order.reverse();
      for (let k = 0; left !== 0n; k = (k + 1) % order.length) {
        adjustment[order[k]!]! += step;
        left -= step;
      }
    };
    const sink =
      rule.remainder === "prefecture"
        ? eligible.find((j) => participants[j]!.isPrefecture)
        : rule.remainder === "largest"
          ? eligible.reduce((best, j) => (rounded[j]! > rounded[best]! ? j : best), eligible[0]!)
          : undefined;
    if (rule.remainder === "prefecture" && sink === undefined)
      throw new AllocationError([
        { participant: null, field: "remainder", message: "端数を県に寄せる設定ですが、参加団体に県がありません。" },
      ]);
    if (sink === undefined) spread(remainder);
    else {
      // An overshoot larger than the sink's own share (tiny totals) is taken back by fractional part.
      // biome-ignore lint/complexity/useMathMinMax: BigInt values (Math.max takes numbers only).
      const taken = remainder < -rounded[sink]! ? -rounded[sink]! : remainder;
      adjustment[sink] = taken;
      if (remainder !== taken) spread(remainder - taken);
    }
  }
  const shares = participants.map((p, i) => {
    const amount = rounded[i]! + adjustment[i]!;
    const scale = cmp(base[i]!, ZERO) === 0 ? ZERO : div(exact[i]!, base[i]!);
    return {
      key: p.key,
      months: p.months,
      parts: {
        equal: floor(mul(parts[i]!.equal, scale)),
        population: floor(mul(parts[i]!.population, scale)),
        usage: floor(mul(parts[i]!.usage, scale)),
      },
      exact: exact[i]!,
      adjustment: adjustment[i]!,
      bound: bound[i]!,
      amount,
    };
  });
  const negative = shares.find((s) => s.amount < 0n);
  if (negative)
    throw new AllocationError([
      {
        participant: negative.key,
        field: "remainder",
        message: "端数調整で負担額が負になります。端数の処理方法を変えてください。",
      },
    ]);
  return shares;
}

/** Holds shares within their minimum and maximum, sharing what is left among the free participants. */
function applyBounds(total: bigint, base: Rational[], ps: AllocationParticipant[]) {
  const bound: ("min" | "max" | null)[] = ps.map(() => null);
  if (!ps.some((p) => p.min != null || p.max != null)) return { exact: base, bound };
  const mins = ps.reduce((s, p) => s + (p.min ?? 0n), 0n);
  if (mins > total)
    throw new AllocationError([{ participant: null, field: "min", message: "下限額の合計が総額を超えています。" }]);
  if (ps.every((p) => p.max != null) && ps.reduce((s, p) => s + p.max!, 0n) < total)
    throw new AllocationError([{ participant: null, field: "max", message: "上限額の合計が総額に届きません。" }]);
  let exact = base;
  for (let round = 0; round <= ps.length; round++) {
    const fixed = sum(ps.map((p, i) => (bound[i] === "min" ? rat(p.min!) : bound[i] === "max" ? rat(p.max!) : ZERO)));
    const free = base.map((_, i) => i).filter((i) => !bound[i]);
    const freeBase = sum(free.map((i) => base[i]!));
    const left = sub(rat(total), fixed);
    const factor = cmp(freeBase, ZERO) === 0 ? null : div(left, freeBase);
    exact = base.map((b, i) =>
      bound[i] === "min" ? rat(ps[i]!.min!) : bound[i] === "max" ? rat(ps[i]!.max!) : factor ? mul(b, factor) : ZERO,
    );
    let changed = false;
    for (const i of free) {
      const p = ps[i]!;
      if (p.min != null && cmp(exact[i]!, rat(p.min)) < 0) {
        bound[i] = "min";
        changed = true;
      } else if (p.max != null && cmp(exact[i]!, rat(p.max)) > 0) {
        bound[i] = "max";
        changed = true;
      }
    }
    if (!changed) {
      if (cmp(sum(exact), rat(total)) !== 0)
        throw new AllocationError([{ participant: null, field: "max", message: "上限・下限の設定では総額を按分できません。" }]);
      return { exact, bound };
    }
  }
  throw new AllocationError([{ participant: null, field: "max", message: "上限・下限の設定では総額を按分できません。" }]);
}

/**
 * Months of the fiscal year (April–March) a participant takes part in: from the month that contains
 * the join date to the month that contains the leave date, both counted (0 when outside the year).
 */
export function monthsInFiscalYear(fy: number, join: string, leave: string | null): number {
  const index = (ymd: string) => Number(ymd.slice(0, 4)) * 12 + Number(ymd.slice(5, 7)) - 1;
  const first = fy * 12 + 3; // April of fy
  const last = first + 11;
  const from = Math.max(first, index(join));
  const to = Math.min(last, leave ? index(leave) : last);
  return Math.max(0, to - from + 1);
}

/** Exact sum of the shares equals the total (a check every caller can afford). */
export const sharesTotal = (shares: AllocationShare[]) => shares.reduce((s, x) => s + x.amount, 0n);
