import type { z } from "zod";
import type { scenarioSummary } from "../../../shared/api/procurement.js";
import type { ScenarioRow } from "./repo.js";

/** Frozen scenarios that a later frozen correction replaced. */
export const supersededIds = (rows: ScenarioRow[]) =>
  new Set(rows.filter((r) => r.status === "frozen" && r.supersedes_id).map((r) => r.supersedes_id!));

export function presentScenario(
  r: ScenarioRow,
  superseded: Set<string>,
  names: Map<string, string>,
): z.infer<typeof scenarioSummary> {
  return {
    id: r.id,
    fiscalYear: r.fiscal_year,
    name: r.name,
    version: r.version,
    status: r.status,
    agreed: r.status === "frozen" && !superseded.has(r.id),
    total: Number(r.total),
    supersedesId: r.supersedes_id,
    reason: r.reason,
    createdAt: r.created_at,
    frozenAt: r.frozen_at,
    frozenBy: r.frozen_by ? (names.get(r.frozen_by) ?? null) : null,
  };
}

export const presentScenarios = (rows: ScenarioRow[], names: Map<string, string>) => {
  const superseded = supersededIds(rows);
  return rows.map((r) => presentScenario(r, superseded, names));
};
