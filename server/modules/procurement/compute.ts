import type { z } from "zod";
import type { AllocationRow, ScenarioRule, scenarioInputs } from "../../../shared/api/procurement.js";
import {
  AllocationError,
  type AllocationParticipant,
  allocate,
  monthsInFiscalYear,
  USAGE_SCALE,
} from "../../../shared/procurement/allocation.js";
import { floor, mul, parseDecimal, rat, toDecimal } from "../../../shared/procurement/rational.js";
import type { ParticipantRow, ScenarioRow } from "./repo.js";

export type Inputs = z.infer<typeof scenarioInputs>;
export interface Problem {
  path: string;
  message: string;
}

/** "93.5" % → 9350 basis points (exact: at most two decimals are accepted). */
export const basisPoints = (percent: string) => Number(floor(mul(parseDecimal(percent) ?? rat(-1n), rat(100n))));
const scaledUsage = (usage: string | null | undefined) => {
  const u = usage == null ? null : parseDecimal(usage);
  return u ? floor(mul(u, rat(USAGE_SCALE))) : null;
};

const problemPath = (field: string, orgId: string | null) =>
  orgId
    ? field === "usage" || field === "min" || field === "max"
      ? `inputs.${orgId}.${field}`
      : `participants.${orgId}.${field}`
    : field === "total"
      ? "total"
      : `rule.${field === "percent" ? "percent" : field}`;

/**
 * The allocation of a scenario over the project's participants in its fiscal year, from the
 * organisations' current populations. A frozen scenario is never recomputed: its stored result is it.
 */
export function computeScenario(
  s: Pick<ScenarioRow, "fiscal_year" | "total" | "rule" | "inputs" | "status" | "result">,
  participants: ParticipantRow[],
): { rows: AllocationRow[]; problems: Problem[] } {
  if (s.status === "frozen" && s.result) return { rows: JSON.parse(s.result) as AllocationRow[], problems: [] };
  const rule = JSON.parse(s.rule) as ScenarioRule;
  const inputs = JSON.parse(s.inputs) as Inputs;
  return allocateFor(s.fiscal_year, s.total, rule, inputs, participants);
}

export function allocateFor(
  fiscalYear: number,
  total: number,
  rule: ScenarioRule,
  inputs: Inputs,
  participants: ParticipantRow[],
): { rows: AllocationRow[]; problems: Problem[] } {
  const inYear = participants
    .map((p) => ({ p, months: monthsInFiscalYear(fiscalYear, p.join_date, p.leave_date) }))
    .filter((x) => x.months > 0);
  const engineParticipants: AllocationParticipant[] = inYear.map(({ p, months }) => {
    const input = inputs[p.org_id];
    return {
      key: p.org_id,
      name: p.org_name,
      isPrefecture: p.org_kind === "prefecture",
      population: p.population == null ? null : BigInt(p.population),
      usage: scaledUsage(input?.usage),
      months,
      min: input?.min == null ? null : BigInt(input.min),
      max: input?.max == null ? null : BigInt(input.max),
    };
  });
  if (!engineParticipants.length)
    return { rows: [], problems: [{ path: "participants", message: `${fiscalYear}年度に参加する団体がありません。` }] };
  try {
    const shares = allocate(
      BigInt(total),
      {
        bp: {
          equal: basisPoints(rule.equalPercent),
          population: basisPoints(rule.populationPercent),
          usage: basisPoints(rule.usagePercent),
        },
        rounding: rule.rounding,
        remainder: rule.remainder,
      },
      engineParticipants,
    );
    const rows = shares.map((sh, i): AllocationRow => {
      const { p, months } = inYear[i]!;
      const input = inputs[p.org_id];
      return {
        org: { id: p.org_id, name: p.org_name, lgCode: p.lg_code },
        isPrefecture: p.org_kind === "prefecture",
        months,
        population: p.population,
        usage: input?.usage ?? null,
        min: input?.min ?? null,
        max: input?.max ?? null,
        equal: Number(sh.parts.equal),
        populationPart: Number(sh.parts.population),
        usagePart: Number(sh.parts.usage),
        exact: toDecimal(sh.exact, 4),
        adjustment: Number(sh.adjustment),
        bound: sh.bound,
        amount: Number(sh.amount),
      };
    });
    return { rows, problems: [] };
  } catch (e) {
    if (!(e instanceof AllocationError)) throw e;
    return { rows: [], problems: e.issues.map((i) => ({ path: problemPath(i.field, i.participant), message: i.message })) };
  }
}
