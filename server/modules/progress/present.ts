import type { Programme, ProgressItem } from "../../../shared/api/progress.js";
import type { Ctx } from "../../platform/context.js";
import { abilities } from "../../platform/policy/authorize.js";
import type { ItemRow, MetricRow, ProgrammeRow, StepRow } from "./repo.js";

/** Hundredths → percent with two decimals (the wire format of every percentage). */
export const toPercent = (hundredths: number | null | undefined) => (hundredths == null ? null : Math.round(hundredths) / 100);

export function presentProgramme(ctx: Ctx, p: ProgrammeRow, itemCount: number): Programme {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    nameEn: p.name_en,
    description: p.description,
    deadline: p.deadline,
    exceptionLabel: p.exception_label,
    lagThreshold: p.lag_threshold,
    sortOrder: p.sort_order,
    archived: p.archived === 1,
    bodyId: p.body_id ?? null,
    itemCount,
    abilities: abilities(ctx.actor, p, { canManage: "progress.manage" }),
  };
}

export function presentItem(i: ItemRow, steps: StepRow[], metrics: MetricRow[]): ProgressItem {
  return {
    id: i.id,
    programmeId: i.programme_id,
    code: i.code,
    name: i.name,
    nameEn: i.name_en,
    group: i.group_label,
    tracking: i.tracking,
    deadline: i.deadline,
    nationalTarget: i.national_target !== 0,
    sortOrder: i.sort_order,
    archived: i.archived === 1,
    steps: steps
      .filter((s) => s.item_id === i.id)
      .map((s) => ({
        id: s.id,
        code: s.code,
        name: s.name,
        nameEn: s.name_en,
        phase: s.phase,
        options: s.options ? (JSON.parse(s.options) as string[]) : null,
        sortOrder: s.sort_order,
        archived: s.archived === 1,
      })),
    metrics: metrics
      .filter((m) => m.item_id === i.id)
      .map((m) => ({
        id: m.id,
        code: m.code,
        name: m.name,
        nameEn: m.name_en,
        unit: m.unit,
        targetDefault: m.target_default,
        sortOrder: m.sort_order,
        archived: m.archived === 1,
      })),
  };
}
