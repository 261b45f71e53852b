import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AllocationError,
  type AllocationParticipant,
  type AllocationRule,
  allocate,
  monthsInFiscalYear,
  sharesTotal,
} from "./allocation.js";

/**
 * 令和2年国勢調査 (2020 census) populations of Yamaguchi's 13 cities and 6 towns, as in
 * server/modules/demo/data/municipalities-yamaguchi.csv (source: 総務省統計局 令和2年国勢調査 人口等基本集計).
 */
const yamaguchi: [string, number][] = [
  ["下関市", 255051],
  ["宇部市", 162570],
  ["山口市", 193966],
  ["萩市", 44626],
  ["防府市", 113979],
  ["下松市", 55888],
  ["岩国市", 129125],
  ["光市", 49801],
  ["長門市", 32519],
  ["柳井市", 30799],
  ["美祢市", 23248],
  ["周南市", 137540],
  ["山陽小野田市", 60326],
  ["周防大島町", 14798],
  ["和木町", 6034],
  ["上関町", 2342],
  ["田布施町", 14483],
  ["平生町", 11914],
  ["阿武町", 3056],
];

const towns = (over: Partial<AllocationParticipant> = {}): AllocationParticipant[] =>
  yamaguchi.map(([name, pop]) => ({
    key: name,
    name,
    isPrefecture: false,
    population: BigInt(pop),
    usage: null,
    months: 12,
    ...over,
  }));

const rule = (equal: number, population: number, usage: number, more: Partial<AllocationRule> = {}): AllocationRule => ({
  bp: { equal, population, usage },
  rounding: "down",
  remainder: "fraction",
  ...more,
});

describe("allocation: the worked example (均等割 6% + 人口割 94%, 12,345,678円, 19市町)", () => {
  const total = 12_345_678n;
  // Computed independently with Python's fractions.Fraction (exact), rounded down, the 12 remaining
  // yen given one each to the largest fractional parts.
  const expected: Record<string, number> = {
    下関市: 2244431,
    宇部市: 1444741,
    山口市: 1716225,
    萩市: 424871,
    防府市: 1024571,
    下松市: 522254,
    岩国市: 1155540,
    光市: 469619,
    長門市: 320181,
    柳井市: 305308,
    美祢市: 240013,
    周南市: 1228305,
    山陽小野田市: 560630,
    周防大島町: 166946,
    和木町: 91163,
    上関町: 59238,
    田布施町: 164222,
    平生町: 142008,
    阿武町: 65412,
  };

  it("gives each town the exact yen, summing to the total", () => {
    const shares = allocate(total, rule(600, 9400, 0), towns());
    expect(Object.fromEntries(shares.map((s) => [s.key, Number(s.amount)]))).toEqual(expected);
    expect(sharesTotal(shares)).toBe(total);
    expect(shares.reduce((s, x) => s + x.adjustment, 0n)).toBe(12n);
  });

  it("agrees with the closed form floor((6·T·P + 94·T·19·p) / (100·19·P)) done in plain BigInt", () => {
    const P = BigInt(yamaguchi.reduce((s, [, p]) => s + p, 0));
    expect(P).toBe(1_342_065n);
    const shares = allocate(total, rule(600, 9400, 0), towns());
    for (const [i, [, p]] of yamaguchi.entries()) {
      const floorShare = (6n * total * P + 94n * total * 19n * BigInt(p)) / (100n * 19n * P);
      expect(shares[i]!.amount - floorShare).toBe(shares[i]!.adjustment);
      expect(shares[i]!.adjustment === 0n || shares[i]!.adjustment === 1n).toBe(true);
    }
  });

  it("half-up rounding overshoots by 2 yen, taken from the largest share when the rule says so", () => {
    const shares = allocate(total, rule(600, 9400, 0, { rounding: "half_up", remainder: "largest" }), towns());
    expect(sharesTotal(shares)).toBe(total);
    expect(shares[0]!).toMatchObject({ key: "下関市", amount: 2244430n, adjustment: -2n }); // 2,244,431.59 → 2,244,432 − 2
    expect(shares.find((s) => s.key === "阿武町")!.amount).toBe(65412n); // 65,411.81… rounded half up
  });
});

describe("allocation: bad input names the participant and the field", () => {
  const issues = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof AllocationError) return e.issues;
      throw e;
    }
    throw new Error("no error");
  };
  it("percentages not totalling 100%", () => {
    expect(issues(() => allocate(1000n, rule(600, 9300, 0), towns()))).toEqual([
      expect.objectContaining({ participant: null, field: "percent", message: expect.stringContaining("99%") }),
    ]);
  });
  it("a participant without population or usage", () => {
    const ps = towns();
    ps[15]!.population = null;
    expect(issues(() => allocate(1000n, rule(1000, 4000, 5000), ps))).toEqual(
      expect.arrayContaining([
        { participant: "上関町", field: "population", message: "上関町：人口がありません。" },
        { participant: "下関市", field: "usage", message: "下関市：利用量がありません。" },
      ]),
    );
  });
  it("negative and absurd totals", () => {
    expect(issues(() => allocate(-1n, rule(10000, 0, 0), towns()))[0]!.field).toBe("total");
    expect(issues(() => allocate(10n ** 13n, rule(10000, 0, 0), towns()))[0]!.field).toBe("total");
  });
  it("remainder to the prefecture without the prefecture", () => {
    expect(issues(() => allocate(1000n, rule(10000, 0, 0, { remainder: "prefecture" }), towns()))[0]!.field).toBe("remainder");
  });
});

describe("allocation: months, bounds", () => {
  it("counts months from the join month to the leave month inside the fiscal year", () => {
    expect(monthsInFiscalYear(2026, "2020-01-01", null)).toBe(12);
    expect(monthsInFiscalYear(2026, "2026-10-15", null)).toBe(6);
    expect(monthsInFiscalYear(2026, "2026-04-01", "2026-06-30")).toBe(3);
    expect(monthsInFiscalYear(2026, "2027-04-01", null)).toBe(0);
    expect(monthsInFiscalYear(2026, "2025-04-01", "2026-03-31")).toBe(0);
  });
  it("a town joining in October pays for 6 months; minimum and maximum shares hold", () => {
    const ps = towns();
    ps[18]!.months = 6;
    const half = allocate(1_200_000n, rule(10000, 0, 0), ps);
    // 19 towns, 18 × 12 + 6 = 222 town-months: 阿武町 pays 6/222 of 1,200,000 = 32,432.43…
    expect(half[18]!.amount === 32432n || half[18]!.amount === 32433n).toBe(true);
    const bounded = allocate(
      1_200_000n,
      rule(0, 10000, 0),
      towns().map((p) => ({ ...p, min: 20_000n, max: 200_000n })),
    );
    expect(sharesTotal(bounded)).toBe(1_200_000n);
    expect(bounded.find((s) => s.key === "阿武町")).toMatchObject({ amount: 20_000n, bound: "min" });
    expect(bounded.find((s) => s.key === "下関市")).toMatchObject({ amount: 200_000n, bound: "max" });
  });
});

// ---------------------------------------------------------------- properties

const participant = fc.record({
  population: fc.integer({ min: 1, max: 4_000_000 }),
  usage: fc.integer({ min: 0, max: 10_000_000 }),
  months: fc.integer({ min: 1, max: 12 }),
});
const ruleArb = fc
  .tuple(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 10000 }))
  .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const)
  .chain(([a, b]) =>
    fc.record({
      bp: fc.constant({ equal: a, population: b - a, usage: 10000 - b }),
      rounding: fc.constantFrom("down" as const, "half_up" as const),
      remainder: fc.constantFrom("prefecture" as const, "largest" as const, "fraction" as const),
    }),
  );
const build = (xs: { population: number; usage: number; months: number }[]): AllocationParticipant[] =>
  xs.map((x, i) => ({
    key: String(i),
    name: `団体${i}`,
    isPrefecture: i === 0,
    population: BigInt(x.population),
    usage: BigInt(x.usage) + 1n, // never all zero
    months: x.months,
  }));
const totalArb = fc.bigInt({ min: 0n, max: 10_000_000_000n });
/**
 * The shares, or null for a split the allocator refuses: with a tiny total, rounding may make a share
 * negative, and the clerk is told to change the rounding. Such a split has no shares to compare.
 */
const allocated = (total: bigint, r: Parameters<typeof allocate>[1], list: AllocationParticipant[]) => {
  try {
    return allocate(total, r, list);
  } catch (e) {
    if (String((e as Error).message).includes("負担額が負になります")) return null;
    throw e;
  }
};
/** Participant i's share, or null for a refused split. */
const shareOf = (total: bigint, r: Parameters<typeof allocate>[1], list: AllocationParticipant[], i: number) => {
  const shares = allocated(total, r, list);
  return shares ? shares[i]!.amount : null;
};

describe("allocation: properties", () => {
  it("shares always sum to the total to the yen, and none is negative", () => {
    fc.assert(
      fc.property(totalArb, ruleArb, fc.array(participant, { minLength: 1, maxLength: 40 }), (total, r, xs) => {
        const shares = allocated(total, r, build(xs));
        fc.pre(shares !== null);
        if (shares === null) return;
        expect(sharesTotal(shares)).toBe(total);
        for (const s of shares) expect(s.amount >= 0n).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  // Hamilton's largest-fraction method is not monotone (the "population paradox"): a town that
  // grows can lose its extra yen to another. Exact monotonicity therefore holds for the other two
  // remainder rules; the fraction rule keeps it to within one yen.
  const monotone = (field: "population" | "usage") =>
    fc.property(
      totalArb,
      ruleArb,
      fc.array(participant, { minLength: 2, maxLength: 25 }),
      fc.nat(),
      fc.integer({ min: 1, max: 1_000_000 }),
      (total, r, xs, pick, more) => {
        const ps = build(xs);
        const i = pick % ps.length;
        const share = (list: typeof ps) => shareOf(total, r, list, i);
        const before = share(ps);
        const grown = ps.map((p, j) => (j === i ? { ...p, [field]: p[field]! + BigInt(more) } : p));
        const after = share(grown);
        fc.pre(before !== null && after !== null);
        if (before === null || after === null) return;
        if (r.remainder === "fraction") expect(after >= before - 1n).toBe(true);
        else if (r.remainder === "prefecture" || r.rounding === "down") expect(after >= before).toBe(true);
        else expect(after >= before - BigInt(ps.length)).toBe(true);
      },
    );
  it("each share is monotone in population", () => fc.assert(monotone("population"), { numRuns: 300 }));
  it("each share is monotone in usage", () => fc.assert(monotone("usage"), { numRuns: 300 }));

  it("a pro-rata participant never pays more than a full year's share", () => {
    fc.assert(
      fc.property(totalArb, ruleArb, fc.array(participant, { minLength: 2, maxLength: 25 }), fc.nat(), (total, r, xs, pick) => {
        const ps = build(xs);
        const i = pick % ps.length;
        const full = shareOf(
          total,
          r,
          ps.map((p, j) => (j === i ? { ...p, months: 12 } : p)),
          i,
        );
        const part = shareOf(total, r, ps, i);
        fc.pre(full !== null && part !== null);
        if (full === null || part === null) return;
        if (r.remainder === "fraction") expect(part <= full + 1n).toBe(true);
        else if (r.remainder === "prefecture" || r.rounding === "down") expect(part <= full).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
