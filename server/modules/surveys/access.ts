import type { AnswerStatus, Survey, SurveySummary } from "../../../shared/api/surveys.js";
import { nonBusinessReason } from "../../../shared/dates/calendar.js";
import { jstDate } from "../../../shared/dates/jst.js";
import type { Definition } from "../../../shared/surveys/definition.js";
import type { Actor, Ctx } from "../../platform/context.js";
import { AppError, notFound } from "../../platform/errors.js";
import { abilities, can } from "../../platform/policy/authorize.js";
import { runsSurveys, type SurveySubject } from "./policy.js";
import { type AnswerRow, findSurveyRow, findTarget, type SurveyListRow, type SurveyRow, type TargetRow } from "./repo.js";

export interface LoadedSurvey {
  row: SurveyRow;
  def: Definition;
  subject: SurveySubject;
  /** The actor's organisation's target row, when it is asked. */
  target: TargetRow | undefined;
}

/** A survey opens at 00:00 Japan time of its opening date (or at publication when it has none). */
export const isOpened = (row: Pick<SurveyRow, "opens_on">, now = new Date()) => !row.opens_on || row.opens_on <= jstDate(now);

export function phaseOf(row: Pick<SurveyRow, "status" | "opens_on" | "deadline_at">, now = new Date()): SurveySummary["phase"] {
  if (row.status === "draft") return "draft";
  if (row.status === "closed") return "closed";
  if (!isOpened(row, now)) return "scheduled";
  if (row.deadline_at && now.toISOString() > row.deadline_at) return "overdue";
  return "open";
}

export const subjectOf = (
  row: Pick<SurveyRow, "status" | "opens_on" | "results_visibility">,
  isTarget: boolean,
): SurveySubject => ({
  status: row.status,
  opened: isOpened(row),
  isTarget,
  resultsVisibility: row.results_visibility,
});

export const parseDefinition = (row: Pick<SurveyRow, "definition">) => JSON.parse(row.definition) as Definition;

/** Loads a survey the actor may see, or 404 (a survey that does not ask the actor's organisation does not exist for it). */
export async function loadSurvey(ctx: Ctx, id: string): Promise<LoadedSurvey> {
  if (!ctx.actor) throw new AppError("UNAUTHENTICATED", "ログインしてください。");
  const row = await findSurveyRow(ctx, id);
  if (!row) throw notFound("照会");
  const target = await findTarget(ctx, id, ctx.actor.orgId);
  const subject = subjectOf(row, !!target);
  if (!can(ctx.actor, "survey.read", subject)) throw notFound("照会");
  return { row, def: parseDefinition(row), subject, target };
}

/** The deadline that applies to one organisation: its extension, else the survey's. */
export const effectiveDeadline = (row: Pick<SurveyRow, "deadline_at">, target?: Pick<TargetRow, "extended_until"> | null) =>
  target?.extended_until ?? row.deadline_at;

export const deadlineDateOf = (iso: string | null) => (iso ? jstDate(new Date(iso)) : null);

const surveyAbilities = (actor: Actor | null, s: SurveySubject, orgId?: string) => ({
  ...abilities(actor, s, {
    canEdit: "survey.update",
    canEditQuestions: "survey.editQuestions",
    canPublish: "survey.publish",
    canClose: "survey.close",
    canReopen: "survey.reopen",
    canDelete: "survey.delete",
    canCopy: "survey.copy",
    canTrack: "survey.track",
    canViewResults: "survey.results",
    canMapProgress: "survey.mapProgress",
  }),
  canAnswer: can(actor, "survey.answer", { ...s, orgId: orgId ?? actor?.orgId }),
});

export interface SummaryExtras {
  counts: { targets: number; submitted: number };
  mine: Pick<AnswerRow, "status" | "updated_at"> | undefined;
  target: TargetRow | undefined;
}

export function presentSummary(ctx: Ctx, row: SurveyListRow, subject: SurveySubject, x: SummaryExtras): SurveySummary {
  const staff = !!ctx.actor && runsSurveys(ctx.actor);
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    phase: phaseOf(row),
    opensOn: row.opens_on,
    deadlineAt: row.deadline_at,
    targetCount: x.counts.targets,
    submittedCount: staff ? x.counts.submitted : null,
    myAnswer: x.target
      ? {
          status: (x.mine?.status ?? "not_started") as AnswerStatus,
          updatedAt: x.mine?.updated_at ?? null,
          deadlineAt: effectiveDeadline(row, x.target),
        }
      : null,
    updatedAt: row.updated_at,
    abilities: surveyAbilities(ctx.actor, subject),
  };
}

export function presentDetail(
  ctx: Ctx,
  loaded: LoadedSurvey,
  x: SummaryExtras & {
    attachments: { id: string; name: string; size: number; mime: string }[];
    createdBy: { id: string; name: string } | null;
  },
): Survey {
  const { row } = loaded;
  const deadlineDate = deadlineDateOf(row.deadline_at);
  return {
    ...presentSummary(ctx, row, loaded.subject, x),
    description: row.description,
    definition: loaded.def,
    targetMode: row.target_mode,
    targetOrgIds: JSON.parse(row.target_org_ids) as string[],
    targetBodyId: row.target_body_id,
    deadlineDate,
    deadlineWarning: deadlineDate ? nonBusinessReason(deadlineDate) : null,
    allowEditAfterSubmit: row.allow_edit_after_submit === 1,
    resultsVisibility: row.results_visibility,
    remindDaysBefore: row.remind_days_before,
    remindOnDay: row.remind_on_day === 1,
    attachments: x.attachments.map((f) => ({ id: f.id, name: f.name, size: f.size, mime: f.mime })),
    copiedFrom: row.copied_from,
    createdBy: x.createdBy,
    publishedAt: row.published_at,
    closedAt: row.closed_at,
  };
}
